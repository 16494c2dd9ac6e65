namespace Governance.Protocol.Audit;

/// <summary>The verdict on an export: valid, or the first entry (or the head) that does not fit, and why.</summary>
public sealed record AuditExportVerdict(bool IsValid, long? FirstBadSequence, string Message);

/// <summary>
/// Checks an export of entries 0..n-1 against a signed tree head offline: contiguous sequence numbers, each
/// stated leaf hash equal to the recomputed one, the recomputed root equal to the head's root, and the head's
/// signature under one of the given keys.
/// </summary>
public static class AuditExportVerifier
{
    public static AuditExportVerdict Verify(IEnumerable<AuditEntryDto> entries, TreeHeadDto head, IEnumerable<ServiceJwk>? keys)
    {
        if (keys is not null)
        {
            var key = keys.FirstOrDefault(k => k.Kid == head.KeyId);
            if (key is null)
            {
                return new(false, null, $"The tree head is signed by key '{head.KeyId}', which is not among the given keys.");
            }

            using var publicKey = key.ToECDsa();
            if (!head.VerifySignature(publicKey))
            {
                return new(false, null, "The tree head's signature does not verify: the head is forged or altered.");
            }
        }

        var builder = new MerkleTreeBuilder();
        foreach (var entry in entries)
        {
            if (entry.Sequence != builder.Size)
            {
                var why = entry.Sequence < builder.Size
                    ? "repeats or precedes an earlier sequence number (reordered or inserted)"
                    : $"follows sequence {builder.Size - 1}: entries are missing (deleted) or out of order";
                return new(false, entry.Sequence, $"Entry {entry.Sequence} does not fit: it {why}.");
            }

            if (builder.Size >= head.TreeSize)
            {
                return new(false, entry.Sequence, $"Entry {entry.Sequence} is beyond the tree head's size {head.TreeSize} (inserted).");
            }

            byte[] leaf;
            try
            {
                leaf = AuditEntryCanonicalForm.LeafHash(entry);
            }
            catch (Exception exception) when (exception is JsonException or FormatException or ArgumentException)
            {
                return new(false, entry.Sequence, $"Entry {entry.Sequence} is malformed.");
            }

            if (!MerkleHash.AreEqual(leaf, SafeBase64(entry.LeafHash)))
            {
                return new(false, entry.Sequence, $"Entry {entry.Sequence} does not fit: its content does not hash to its leaf hash (modified).");
            }

            builder.Append(leaf);
        }

        if (builder.Size != head.TreeSize)
        {
            return new(false, builder.Size, $"The export ends after {builder.Size} entries but the tree head covers {head.TreeSize}: entries from {builder.Size} are missing.");
        }

        return MerkleHash.AreEqual(builder.Root(), SafeBase64(head.RootHash))
            ? new(true, null, $"All {builder.Size} entries recompute to the signed root.")
            : new(false, null, "The recomputed root differs from the tree head's root: an entry was altered together with its leaf hash, or the head does not belong to this log.");
    }

    private static byte[] SafeBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    /// <summary>Convenience for callers holding a key file: a single JWK or a JWK set.</summary>
    public static IReadOnlyList<ServiceJwk> ReadKeys(string json, JsonSerializerOptions options)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("keys", out _)
            ? JsonSerializer.Deserialize<ServiceJwkSet>(json, options)!.Keys
            : [JsonSerializer.Deserialize<ServiceJwk>(json, options)!];
    }

}
