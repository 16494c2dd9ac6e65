using Base64Url = System.Buffers.Text.Base64Url;
using Jose;

namespace Governance.Api.Release;

/// <summary>
/// Encrypts released values to the clean room's wrapping key as compact JWE: RSA-OAEP-256 + A256GCM for RSA
/// keys, ECDH-ES + A256GCM for P-384 keys. The header's kid is the key's RFC 7638 thumbprint.
/// </summary>
internal sealed class ValueEncryptor : IDisposable
{
    private readonly RSA? rsa;
    private readonly ECDiffieHellman? ecdh;
    private readonly Dictionary<string, object> headers;

    private ValueEncryptor(RSA? rsa, ECDiffieHellman? ecdh, string kid)
    {
        this.rsa = rsa;
        this.ecdh = ecdh;
        headers = new Dictionary<string, object> { ["kid"] = kid };
    }

    /// <summary>Validates the key (size, curve, public only) and prepares it for encryption.</summary>
    public static ValueEncryptor For(WrappingKey key)
    {
        WrappingKeyRules.Validate(key);
        var kid = JwkThumbprint.ComputeBase64Url(key);
        if (key.Kty == "RSA")
        {
            var rsa = RSA.Create();
            try
            {
                rsa.ImportParameters(new RSAParameters { Modulus = Base64Url.DecodeFromChars(key.N), Exponent = Base64Url.DecodeFromChars(key.E) });
            }
            catch (CryptographicException)
            {
                rsa.Dispose();
                throw DomainException.BadRequest("The RSA wrapping key (n, e) is not a usable RSA public key.");
            }

            return new ValueEncryptor(rsa, null, kid);
        }

        ECDiffieHellman ecdh;
        try
        {
            ecdh = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP384,
                Q = new ECPoint { X = Base64Url.DecodeFromChars(key.X), Y = Base64Url.DecodeFromChars(key.Y) },
            });
        }
        catch (CryptographicException)
        {
            // The import checks that the point lies on the curve; ECDH with an off-curve point is the classic
            // invalid-curve attack, so such a key is refused, as a caller's mistake rather than a server fault.
            throw DomainException.BadRequest("The EC wrapping key (x, y) is not a point on P-384.");
        }

        return new ValueEncryptor(null, ecdh, kid);
    }

    public string Encrypt(byte[] value)
    {
        try
        {
            return rsa is not null
                ? JWT.EncodeBytes(value, rsa, JweAlgorithm.RSA_OAEP_256, JweEncryption.A256GCM, extraHeaders: headers)
                : JWT.EncodeBytes(value, ecdh!, JweAlgorithm.ECDH_ES, JweEncryption.A256GCM, extraHeaders: headers);
        }
        catch (CryptographicException)
        {
            // A key that passed the rules but that the platform still cannot encrypt to is the caller's key at fault:
            // refused before anything is recorded, never a server error.
            throw DomainException.Invalid("The wrapping key could not be used to encrypt; send a valid RSA or P-384 public key.");
        }
    }

    public void Dispose()
    {
        rsa?.Dispose();
        ecdh?.Dispose();
    }
}
