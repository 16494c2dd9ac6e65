using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.Protocol.Contracts;

/// <summary>EC public keys in JWK form ({"crv","kty","x","y"}), as members register them and approvals serve them.</summary>
public static class EcJwk
{
    /// <summary>Null when the text is not an EC P-256/P-384 public JWK.</summary>
    public static ECDsa? TryImport(string? jwk)
    {
        if (string.IsNullOrWhiteSpace(jwk))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(jwk);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "kty") != "EC")
            {
                return null;
            }

            var (curve, size) = Text(root, "crv") switch
            {
                "P-256" => (ECCurve.NamedCurves.nistP256, 32),
                "P-384" => (ECCurve.NamedCurves.nistP384, 48),
                _ => (default(ECCurve), 0),
            };
            var x = Base64Url.DecodeFromChars(Text(root, "x"));
            var y = Base64Url.DecodeFromChars(Text(root, "y"));
            if (size == 0 || x.Length != size || y.Length != size)
            {
                return null;
            }

            return ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } });
        }
        catch (Exception exception) when (exception is JsonException or FormatException or CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The public JWK of <paramref name="key"/> in RFC 7638 member order.</summary>
    public static string Export(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var curve = key.KeySize == 384 ? "P-384" : "P-256";
        return $$"""{"crv":"{{curve}}","kty":"EC","x":"{{Base64Url.EncodeToString(parameters.Q.X)}}","y":"{{Base64Url.EncodeToString(parameters.Q.Y)}}"}""";
    }

    /// <summary>RFC 7638 thumbprint (SHA-256, base64url) of the public key.</summary>
    public static string Thumbprint(ECDsa key) =>
        Base64Url.EncodeToString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Export(key))));

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
