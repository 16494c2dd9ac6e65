namespace Governance.Protocol.Audit;

/// <summary>
/// One public key of the service as an RFC 7517 JWK, with the time it was created: EC P-384 (alg ES384) for
/// audit tree heads and checkpoints, EC P-256 (alg ES256) for release receipts.
/// </summary>
public sealed record ServiceJwk(string Kty, string Crv, string X, string Y, string Kid, string Use, string Alg, DateTimeOffset CreatedAt)
{
    public const string TreeHeadAlgorithm = "ES384";
    public const string ReceiptAlgorithm = "ES256";

    public ECDsa ToECDsa() => ECDsa.Create(new ECParameters
    {
        Curve = Crv switch
        {
            "P-384" => ECCurve.NamedCurves.nistP384,
            "P-256" => ECCurve.NamedCurves.nistP256,
            _ => throw new CryptographicException($"Service keys are EC P-384 or P-256, not '{Crv}'."),
        },
        Q = new ECPoint { X = Base64Url.Decode(X), Y = Base64Url.Decode(Y) },
    });

    public static ServiceJwk FromPublicKey(ECDsa key, DateTimeOffset createdAt)
    {
        var (crv, alg) = key.KeySize switch
        {
            384 => ("P-384", TreeHeadAlgorithm),
            256 => ("P-256", ReceiptAlgorithm),
            _ => throw new CryptographicException($"Service keys are EC P-384 or P-256, not {key.KeySize} bits."),
        };
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var x = Base64Url.Encode(parameters.Q.X!);
        var y = Base64Url.Encode(parameters.Q.Y!);
        return new ServiceJwk("EC", crv, x, y, Thumbprint(crv, x, y), "sig", alg, createdAt);
    }

    /// <summary>RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order, base64url.</summary>
    public static string Thumbprint(string crv, string x, string y) =>
        Base64Url.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{{\"crv\":\"{crv}\",\"kty\":\"EC\",\"x\":\"{x}\",\"y\":\"{y}\"}}")));
}

/// <summary>RFC 7517 JWK set: every key the service has signed with, current first.</summary>
public sealed record ServiceJwkSet(IReadOnlyList<ServiceJwk> Keys);

/// <summary>Base64url without padding (RFC 7515 §2).</summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Decode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
