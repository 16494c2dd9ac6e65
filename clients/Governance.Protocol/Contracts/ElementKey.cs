namespace Governance.Protocol.Contracts;

/// <summary>
/// The identity of an array element, for comparing lists of named things by name: a scalar is itself (a party, a
/// measurement); an object with a string <c>name</c> is its owner and name (a dataset, a secret); one with a string
/// <c>format</c> is that format (an allowed output format).
/// </summary>
/// <param name="Identity">Equal for the same element in both versions.</param>
/// <param name="Name">How a line names the element; null for a scalar, which a line shows as its value.</param>
/// <param name="Owner">The owner of a named object, to tell apart two owners' things of one name.</param>
internal sealed record ElementKey(string Identity, string? Name, string? Owner)
{
    /// <summary>The keys of every element, or null when one has no identity or two share one (then position is all there is).</summary>
    public static IReadOnlyList<ElementKey>? AllOf(JsonArray array)
    {
        var keys = new List<ElementKey>(array.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in array)
        {
            if (Of(element) is not { } key || !seen.Add(key.Identity))
            {
                return null;
            }

            keys.Add(key);
        }

        return keys;
    }

    /// <summary>Each identity's label: the name, or owner/name where two owners use one name; null for scalars.</summary>
    public static Dictionary<string, string?> Labels(IEnumerable<ElementKey> keys)
    {
        var all = keys.ToList();
        var ambiguous = all.Where(k => k.Name is not null).GroupBy(k => k.Name, StringComparer.Ordinal)
            .Where(g => g.Select(k => k.Identity).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var labels = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in all)
        {
            labels[key.Identity] = key.Name is null ? null : ambiguous.Contains(key.Name) ? $"{key.Owner}/{key.Name}" : key.Name;
        }

        return labels;
    }

    private static ElementKey? Of(JsonNode? element) => element switch
    {
        JsonValue value => new ElementKey($"v:{value.ToJsonString()}", null, null),
        JsonObject named when Text(named, "name") is { } name => new ElementKey(
            $"n:{new JsonArray(Text(named, "owner"), name).ToJsonString()}", name, Text(named, "owner")),
        JsonObject format when Text(format, "format") is { } name => new ElementKey($"f:{JsonValue.Create(name).ToJsonString()}", name, null),
        _ => null,
    };

    private static string? Text(JsonObject node, string member) =>
        node.TryGetPropertyValue(member, out var value) && value is JsonValue text && text.TryGetValue<string>(out var s) ? s : null;
}
