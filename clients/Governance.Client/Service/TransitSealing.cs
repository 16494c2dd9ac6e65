using System.Security.Cryptography;
using Governance.Protocol.Audit;
using Jose;

namespace Governance.Client.Service;

/// <summary>Encrypts a value to a confidential service's transit key: a compact JWE, ECDH-ES with A256GCM, naming the key.</summary>
public static class TransitSealing
{
    public static string Seal(ReadOnlySpan<byte> value, ServiceJwk transitKey)
    {
        ArgumentNullException.ThrowIfNull(transitKey);
        if (transitKey is not { Kty: "EC", Crv: "P-384", Use: "enc" })
        {
            throw new CryptographicException("The service's transit key is not an EC P-384 encryption key.");
        }

        using var key = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP384,
            Q = new ECPoint { X = Protocol.Audit.Base64Url.Decode(transitKey.X), Y = Protocol.Audit.Base64Url.Decode(transitKey.Y) },
        });
        return JWT.EncodeBytes(value.ToArray(), key, JweAlgorithm.ECDH_ES, JweEncryption.A256GCM,
            extraHeaders: new Dictionary<string, object> { ["kid"] = transitKey.Kid });
    }
}
