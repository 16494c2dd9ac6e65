using System.Security.Cryptography;
using Governance.Domain.Errors;
using Jose;
using Governance.Protocol.Audit;

namespace Governance.Api.Service;

/// <summary>
/// The keys a service in confidential mode makes in memory when it starts, inside its VM: an identity key (ECDSA
/// P-384) and a transit key (ECDH P-384) that secrets may be encrypted to. Neither is ever written anywhere; a restart
/// makes new ones, and its evidence names the new ones.
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
        IDictionary<string, object> header;
        try
        {
            header = JWT.Headers(compactJwe);
        }
        catch (Exception e) when (e is JoseException or ArgumentException or FormatException or IndexOutOfRangeException or System.Text.Json.JsonException)
        {
            throw DomainException.BadRequest("The body is not a compact JWE.");
        }

        if (!header.TryGetValue("kid", out var kid) || kid as string != TransitKey.Kid)
        {
            throw DomainException.BadRequest($"The JWE is not made to this service's transit key ({TransitKey.Kid}); fetch /service/attestation, check it, and encrypt to the key it binds.");
        }

        try
        {
            return JWT.DecodeBytes(compactJwe, transit, JweAlgorithm.ECDH_ES, JweEncryption.A256GCM);
        }
        catch (Exception e) when (e is JoseException or CryptographicException or ArgumentException or FormatException or InvalidOperationException)
        {
            throw DomainException.BadRequest("The JWE does not open with this service's transit key (ECDH-ES, A256GCM).");
        }
    }

    public void Dispose()
    {
        identity.Dispose();
        transit.Dispose();
    }
}
