using Jose;

namespace Governance.Api.Service;

/// <summary>
/// The keys a service in confidential mode makes in memory when it starts, inside its VM: an identity key (ECDSA
/// P-384) and a transit key (ECDH P-384) that secrets, recovery shares and the key-encryption key from a replica may
/// be encrypted to. Neither is ever written anywhere; a restart makes new ones, and its evidence names the new ones.
/// </summary>
internal sealed class ServiceIdentity : IDisposable
{
    private readonly ECDsa identity = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private readonly ECDiffieHellman transit = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);

    public ServiceIdentity(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var createdAt = time.GetUtcNow();
        IdentityKey = ServiceJwk.FromPublicKey(identity, createdAt);
        var point = transit.ExportParameters(includePrivateParameters: false).Q;
        var (x, y) = (Protocol.Audit.Base64Url.Encode(point.X!), Protocol.Audit.Base64Url.Encode(point.Y!));
        TransitKey = new ServiceJwk("EC", "P-384", x, y, ServiceJwk.Thumbprint("P-384", x, y), "enc", "ECDH-ES", createdAt);
    }

    public ServiceJwk IdentityKey { get; }

    public ServiceJwk TransitKey { get; }

    /// <summary>
    /// Opens a compact JWE made to the transit key (ECDH-ES, A256GCM, <c>kid</c> naming the key), as a party's client
    /// sends a secret it encrypted after checking this service's evidence. Anything else is the caller's 400.
    /// </summary>
    public byte[] OpenFromTransit(string compactJwe)
    {
        try
        {
            return TransitSealing.Open(compactJwe, transit, TransitKey.Kid);
        }
        catch (CryptographicException e)
        {
            throw DomainException.BadRequest($"{e.Message} Fetch /service/attestation, check it, and encrypt to the transit key it binds.");
        }
    }

    /// <summary>A compact JWS (ES384) by the identity key, whose <c>kid</c> names it.</summary>
    public string Sign(string payload) =>
        JWT.Encode(payload, identity, JwsAlgorithm.ES384, extraHeaders: new Dictionary<string, object> { ["kid"] = IdentityKey.Kid });

    public void Dispose()
    {
        identity.Dispose();
        transit.Dispose();
    }
}
