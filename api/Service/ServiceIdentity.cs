using System.Security.Cryptography;
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
        var (x, y) = (Base64Url.Encode(point.X!), Base64Url.Encode(point.Y!));
        TransitKey = new ServiceJwk("EC", "P-384", x, y, ServiceJwk.Thumbprint("P-384", x, y), "enc", "ECDH-ES", createdAt);
    }

    public ServiceJwk IdentityKey { get; }

    public ServiceJwk TransitKey { get; }

    public void Dispose()
    {
        identity.Dispose();
        transit.Dispose();
    }
}
