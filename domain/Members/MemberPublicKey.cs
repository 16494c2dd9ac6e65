namespace Governance.Domain.Members;

/// <summary>
/// A member's ECDSA public key, normalised from a JWK object or a PEM public key. The key id is the
/// RFC 7638 JWK thumbprint (SHA-256, base64url); the algorithm follows the curve: P-256 → ES256, P-384 → ES384.
/// </summary>
public sealed record MemberPublicKey(string KeyId, string Algorithm, string Curve, string X, string Y)
{
    /// <summary>The public JWK in the canonical member order RFC 7638 hashes: {"crv","kty","x","y"}.</summary>
    public string Jwk => $$"""{"crv":"{{Curve}}","kty":"EC","x":"{{X}}","y":"{{Y}}"}""";

    /// <summary>Accepts a JWK (as JSON text) or a PEM "PUBLIC KEY" block.</summary>
    public static MemberPublicKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        return trimmed.StartsWith('{') ? FromJwk(trimmed) : FromPem(trimmed);
    }

    public static MemberPublicKey FromJwk(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("A JWK must be a JSON object.");
            }

            if (Get(root, "kty") != "EC")
            {
                throw Invalid("Only EC keys (kty \"EC\") are accepted.");
            }

            if (root.TryGetProperty("d", out _))
            {
                throw Invalid("The JWK contains a private key ('d'); send the public key only.");
            }

            var curve = Get(root, "crv");
            var x = Base64Url(Get(root, "x"), "x");
            var y = Base64Url(Get(root, "y"), "y");
            return FromParameters(CurveOf(curve), x, y);
        }
        catch (JsonException)
        {
            throw Invalid("The key is not valid JSON.");
        }
    }

    public static MemberPublicKey FromPem(string pem)
    {
        if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw Invalid("The PEM holds a private key; send the public key only.");
        }

        using var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            throw Invalid("The PEM is not an ECDSA public key.");
        }

        return FromEcdsa(ecdsa);
    }

    public static MemberPublicKey FromEcdsa(ECDsa ecdsa)
    {
        ArgumentNullException.ThrowIfNull(ecdsa);
        var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        return FromParameters(parameters.Curve, parameters.Q.X!, parameters.Q.Y!);
    }

    /// <summary>Creates a verifier for this key.</summary>
    public ECDsa CreateEcdsa() => ECDsa.Create(new ECParameters
    {
        Curve = CurveOf(Curve),
        Q = new ECPoint { X = Base64UrlDecode(X), Y = Base64UrlDecode(Y) },
    });

    private static MemberPublicKey FromParameters(ECCurve curve, byte[] x, byte[] y)
    {
        var (name, algorithm, size) = curve.Oid.Value switch
        {
            "1.2.840.10045.3.1.7" => ("P-256", "ES256", 32),
            "1.3.132.0.34" => ("P-384", "ES384", 48),
            _ => (curve.Oid.FriendlyName switch
            {
                "nistP256" or "ECDSA_P256" => ("P-256", "ES256", 32),
                "nistP384" or "ECDSA_P384" => ("P-384", "ES384", 48),
                _ => throw Invalid("Only the curves P-256 and P-384 are accepted."),
            }),
        };
        if (x.Length != size || y.Length != size)
        {
            throw Invalid($"The coordinates of a {name} key are {size} bytes each.");
        }

        // Importing checks that the point lies on the curve.
        try
        {
            using var check = ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } });
        }
        catch (CryptographicException)
        {
            throw Invalid("The key is not a point on its curve.");
        }

        var key = new MemberPublicKey("", algorithm, name, Base64UrlEncode(x), Base64UrlEncode(y));
        return key with { KeyId = Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(key.Jwk))) };
    }

    private static ECCurve CurveOf(string? name) => name switch
    {
        "P-256" => ECCurve.NamedCurves.nistP256,
        "P-384" => ECCurve.NamedCurves.nistP384,
        _ => throw Invalid("Only the curves P-256 and P-384 are accepted."),
    };

    private static string? Get(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Base64Url(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Invalid($"The JWK lacks '{name}'.");
        }

        try
        {
            return Base64UrlDecode(value);
        }
        catch (FormatException)
        {
            throw Invalid($"The JWK's '{name}' is not base64url.");
        }
    }

    private static string Base64UrlEncode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static byte[] Base64UrlDecode(string value) => System.Buffers.Text.Base64Url.DecodeFromChars(value);

    private static DomainException Invalid(string detail) =>
        DomainException.Invalid(detail, new Dictionary<string, string[]> { ["key"] = [detail] });
}
