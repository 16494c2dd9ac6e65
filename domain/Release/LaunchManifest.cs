namespace Governance.Domain.Release;

/// <summary>
/// A launch manifest as the clean room presents it next to its evidence. Two forms are understood:
/// <list type="bullet">
/// <item>an Azure Container Instances confidential container policy (Rego text, <c>package policy</c> …), which
/// pins images by their layers and carries no signer, so only the presence of a digest can be checked;</item>
/// <item>a JSON launch manifest:
/// <c>{"components":[{"name":"spark","digest":"sha256:&lt;64 hex&gt;","signer":"&lt;40 or 64 hex&gt;"}]}</c>,
/// where <c>containers[]</c> entries <c>{"image":"registry/repo@sha256:&lt;64 hex&gt;","signer":"…"}</c> count as
/// components too (an image pinned only by tag has no digest). Unknown members are ignored.</item>
/// </list>
/// </summary>
public sealed record LaunchManifest(LaunchManifestKind Kind, IReadOnlyList<LaunchComponent> Components, string Text)
{
    private const string Sha256Prefix = "sha256:";

    /// <summary>Parses <paramref name="manifest"/>.</summary>
    /// <exception cref="FormatException">It is neither form, or a JSON manifest's digest or signer is malformed.</exception>
    public static LaunchManifest Parse(byte[] manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(manifest);
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException("The launch manifest is not UTF-8 text.");
        }

        var start = text.TrimStart();
        if (start.StartsWith('{'))
        {
            return new LaunchManifest(LaunchManifestKind.Json, ParseJson(manifest), text);
        }

        if (start.StartsWith("package ", StringComparison.Ordinal))
        {
            return new LaunchManifest(LaunchManifestKind.AciPolicy, [], text);
        }

        throw new FormatException("The launch manifest is neither a JSON launch manifest nor an ACI confidential container policy.");
    }

    /// <summary>The 32 bytes of a digest written <c>sha256:&lt;hex&gt;</c> or as bare hex, any case; null when it is not one.</summary>
    public static byte[]? DecodeDigest(string? digest)
    {
        if (digest is null)
        {
            return null;
        }

        var hex = digest.StartsWith(Sha256Prefix, StringComparison.OrdinalIgnoreCase) ? digest[Sha256Prefix.Length..] : digest;
        return DecodeHex(hex, 32);
    }

    /// <summary>The bytes of a certificate thumbprint: SHA-1 (20) or SHA-256 (32) as hex, any case; null when it is not one.</summary>
    public static byte[]? DecodeThumbprint(string? thumbprint) =>
        thumbprint is null ? null : DecodeHex(thumbprint, 20) ?? DecodeHex(thumbprint, 32);

    private static byte[]? DecodeHex(string hex, int bytes)
    {
        if (hex.Length != bytes * 2 || !hex.All(Uri.IsHexDigit))
        {
            return null;
        }

        return Convert.FromHexString(hex);
    }

    private static List<LaunchComponent> ParseJson(byte[] manifest)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(manifest, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            throw new FormatException("The JSON launch manifest is not valid JSON.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The JSON launch manifest is not an object.");
            }

            var components = new List<LaunchComponent>();
            foreach (var (member, entry, index) in Entries(document.RootElement))
            {
                var at = $"{member}[{index}]";
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException($"The JSON launch manifest's {at} is not an object.");
                }

                var name = OptionalString(entry, "name", at);
                var digestText = member == "components" ? OptionalString(entry, "digest", at) : ImageDigest(OptionalString(entry, "image", at), at);
                var signerText = OptionalString(entry, "signer", at);
                var digest = digestText is null ? null : DecodeDigest(digestText)
                    ?? throw new FormatException($"The JSON launch manifest's {at} digest is not sha256:<64 hex digits>.");
                var signer = signerText is null ? null : DecodeThumbprint(signerText)
                    ?? throw new FormatException($"The JSON launch manifest's {at} signer is not a thumbprint of 40 or 64 hex digits.");
                components.Add(new LaunchComponent(name ?? OptionalString(entry, "image", at), digest, signer));
            }

            return components;
        }
    }

    private static IEnumerable<(string Member, JsonElement Entry, int Index)> Entries(JsonElement root)
    {
        foreach (var member in new[] { "components", "containers" })
        {
            if (!root.TryGetProperty(member, out var array))
            {
                continue;
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"The JSON launch manifest's {member} is not an array.");
            }

            var index = 0;
            foreach (var entry in array.EnumerateArray())
            {
                yield return (member, entry, index++);
            }
        }
    }

    private static string? ImageDigest(string? image, string at)
    {
        if (image is null)
        {
            return null;
        }

        var separator = image.LastIndexOf('@');
        if (separator < 0)
        {
            return null;
        }

        return image[(separator + 1)..] is { } digest && digest.StartsWith(Sha256Prefix, StringComparison.OrdinalIgnoreCase)
            ? digest
            : throw new FormatException($"The JSON launch manifest's {at} image is not pinned as …@sha256:<64 hex digits>.");
    }

    private static string? OptionalString(JsonElement entry, string name, string at)
    {
        if (!entry.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new FormatException($"The JSON launch manifest's {at}.{name} is not a string.");
    }
}

/// <summary>Which form a launch manifest has.</summary>
public enum LaunchManifestKind
{
    /// <summary>A JSON launch manifest with components (digest and signer).</summary>
    Json,

    /// <summary>An Azure Container Instances confidential container policy (Rego); it names no signer.</summary>
    AciPolicy,
}

/// <summary>One launched image or executable: its SHA-256 digest and the thumbprint of its signer's certificate, each when given.</summary>
public sealed record LaunchComponent(string? Name, byte[]? Digest, byte[]? Signer);
