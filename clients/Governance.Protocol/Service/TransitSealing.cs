using Jose;

namespace Governance.Protocol.Service;

/// <summary>
/// Encrypts a value to a P-384 key: a compact JWE, ECDH-ES with A256GCM, whose <c>kid</c> names the key. Parties seal
/// secrets to a confidential service's attested transit key this way, replicas seal the key-encryption key to each
/// other's, and the service seals recovery shares to members' recovery keys.
/// </summary>
public static class TransitSealing
{
    /// <summary>Encrypts to a confidential service's transit key, as its attestation binds it.</summary>
    public static string Seal(ReadOnlySpan<byte> value, ServiceJwk transitKey)
    {
        ArgumentNullException.ThrowIfNull(transitKey);
        if (transitKey is not { Kty: "EC", Crv: "P-384", Use: "enc" })
        {
            throw new CryptographicException("The service's transit key is not an EC P-384 encryption key.");
        }

        return Seal(value, transitKey.X, transitKey.Y, transitKey.Kid);
    }

    /// <summary>Encrypts to the P-384 public key with base64url coordinates <paramref name="x"/>, <paramref name="y"/>.</summary>
    public static string Seal(ReadOnlySpan<byte> value, string x, string y, string kid)
    {
        using var key = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP384,
            Q = new ECPoint { X = Audit.Base64Url.Decode(x), Y = Audit.Base64Url.Decode(y) },
        });
        return JWT.EncodeBytes(value.ToArray(), key, JweAlgorithm.ECDH_ES, JweEncryption.A256GCM,
            extraHeaders: new Dictionary<string, object> { ["kid"] = kid });
    }

    /// <summary>
    /// Opens a compact JWE sealed by <see cref="Seal(ReadOnlySpan{byte}, string, string, string)"/> to
    /// <paramref name="key"/>, whose id is <paramref name="kid"/>. Anything else, including a JWE naming another key,
    /// throws <see cref="CryptographicException"/> with a message fit for the sender.
    /// </summary>
    public static byte[] Open(string compactJwe, ECDiffieHellman key, string kid)
    {
        ArgumentNullException.ThrowIfNull(compactJwe);
        IDictionary<string, object> header;
        try
        {
            header = JWT.Headers(compactJwe);
        }
        catch (Exception e) when (e is JoseException or ArgumentException or FormatException or IndexOutOfRangeException or System.Text.Json.JsonException)
        {
            throw new CryptographicException("The body is not a compact JWE.");
        }

        if (!header.TryGetValue("kid", out var named) || named as string != kid)
        {
            throw new CryptographicException($"The JWE is not made to key {kid}.");
        }

        try
        {
            return JWT.DecodeBytes(compactJwe, key, JweAlgorithm.ECDH_ES, JweEncryption.A256GCM);
        }
        catch (Exception e) when (e is JoseException or CryptographicException or ArgumentException or FormatException or InvalidOperationException)
        {
            throw new CryptographicException($"The JWE does not open with key {kid} (ECDH-ES, A256GCM).");
        }
    }
}
