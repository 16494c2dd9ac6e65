namespace Governance.Persistence.Release;

/// <summary>
/// Contract content as parsed from its stored JSON, with the digest recomputed from it, keyed by that exact JSON: a
/// row whose content was changed in any way is parsed and hashed afresh, so the release still sees what is stored.
/// Parsing and canonicalising a contract cost more CPU than the rest of a release's database work; accepted
/// contracts are read by every release and never change.
/// </summary>
public sealed class ContractContentCache
{
    /// <summary>The JSON held at most, in characters, before the cache starts over.</summary>
    public const long MaxCharacters = 8 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, ParsedContent> entries = new(StringComparer.Ordinal);
    private long characters;

    /// <summary>The content stored as <paramref name="json"/> and the digest it hashes to.</summary>
    public ParsedContent Parse(string json)
    {
        if (entries.TryGetValue(json, out var cached))
        {
            return cached;
        }

        var content = JsonSerializer.Deserialize<ContractContent>(json, ContractJson.Options)
            ?? throw new JsonException("The stored contract content is null.");
        var parsed = new ParsedContent(content, ContractDigest.Compute(content));
        if (Interlocked.Add(ref characters, json.Length) > MaxCharacters)
        {
            entries.Clear();
            Interlocked.Exchange(ref characters, json.Length);
        }

        entries[json] = parsed;
        return parsed;
    }
}

/// <summary>Parsed contract content and the SHA-256 of its canonical form.</summary>
public sealed record ParsedContent(ContractContent Content, byte[] Digest);
