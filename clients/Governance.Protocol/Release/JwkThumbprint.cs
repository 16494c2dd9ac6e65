using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.Protocol.Release;

/// <summary>RFC 7638 JWK thumbprint with SHA-256: the digest of the key's required members in lexicographic order.</summary>
public static class JwkThumbprint
{
    public const int Length = 32;

    /// <summary>The 32 raw thumbprint bytes.</summary>
    public static byte[] Compute(WrappingKey key) => SHA256.HashData(Encoding.ASCII.GetBytes(CanonicalMembers(key)));

    /// <summary>The thumbprint as base64url, the form RFC 7638 shows.</summary>
    public static string ComputeBase64Url(WrappingKey key) => Base64Url.EncodeToString(Compute(key));

    /// <summary>The exact JSON hashed: required members only, sorted, no whitespace.</summary>
    public static string CanonicalMembers(WrappingKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Kty switch
        {
            "RSA" => $"{{\"e\":\"{Member(key.E, "e")}\",\"kty\":\"RSA\",\"n\":\"{Member(key.N, "n")}\"}}",
            "EC" => $"{{\"crv\":\"{Member(key.Crv, "crv")}\",\"kty\":\"EC\",\"x\":\"{Member(key.X, "x")}\",\"y\":\"{Member(key.Y, "y")}\"}}",
            _ => throw new FormatException($"Key type '{key.Kty}' has no thumbprint here; use RSA or EC."),
        };
    }

    private static string Member(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new FormatException($"The JWK lacks its '{name}' member.");
        }

        // Values are base64url or a curve name: any character JSON would escape makes the key malformed.
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw new FormatException($"The JWK member '{name}' is not base64url.");
            }
        }

        return value;
    }
}
