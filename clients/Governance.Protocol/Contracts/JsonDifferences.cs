namespace Governance.Protocol.Contracts;

/// <summary>
/// Walks two JSON values side by side and collects an RFC 6902 patch and one readable line per difference. Arrays whose
/// elements all have a distinct identity (a scalar's value; an object's owner and name, or its format) are compared by
/// identity, so a party or a secret added in the middle reads as added rather than as every later element changed.
/// When the elements both arrays keep are in another order, the patch replaces the array whole: fewer, plainer
/// operations than a chain of moves, and the lines still say what came and went.
/// </summary>
internal sealed partial class JsonDifferences
{
    public static readonly Location Root = new("", "");

    public List<JsonPatchOperation> Patch { get; } = [];

    public List<string> Changes { get; } = [];

    public void Compare(JsonNode? from, JsonNode? to, Location at, bool emit = true)
    {
        switch (from, to)
        {
            case (JsonObject a, JsonObject b):
                CompareObjects(a, b, at, emit);
                break;
            case (JsonArray a, JsonArray b):
                if (ElementKey.AllOf(a) is { } keysA && ElementKey.AllOf(b) is { } keysB)
                {
                    CompareByIdentity(a, b, keysA, keysB, at, emit);
                }
                else
                {
                    CompareByPosition(a, b, at, emit);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(from, to))
                {
                    Emit(emit, JsonPatchOperation.Replace(at.Pointer, Element(to)));
                    Changes.Add($"{at.Name}: {Show(from)} → {Show(to)}");
                }

                break;
        }
    }

    private void CompareObjects(JsonObject a, JsonObject b, Location at, bool emit)
    {
        foreach (var (key, value) in a)
        {
            if (!b.ContainsKey(key))
            {
                Emit(emit, JsonPatchOperation.Remove(at.Member(key).Pointer));
                Changes.Add($"{at.Member(key).Name}: removed (was {Show(value)})");
            }
        }

        foreach (var (key, value) in a)
        {
            if (b.TryGetPropertyValue(key, out var other))
            {
                Compare(value, other, at.Member(key), emit);
            }
        }

        foreach (var (key, value) in b)
        {
            if (!a.ContainsKey(key))
            {
                Emit(emit, JsonPatchOperation.Add(at.Member(key).Pointer, Element(value)));
                Changes.Add($"{at.Member(key).Name}: added {Show(value)}");
            }
        }
    }

    private void CompareByIdentity(JsonArray a, JsonArray b, IReadOnlyList<ElementKey> keysA, IReadOnlyList<ElementKey> keysB, Location at, bool emit)
    {
        var indexA = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < keysA.Count; i++)
        {
            indexA[keysA[i].Identity] = i;
        }

        var inB = keysB.Select(k => k.Identity).ToHashSet(StringComparer.Ordinal);
        var kept = keysA.Where(k => inB.Contains(k.Identity)).Select(k => k.Identity);
        var keptInB = keysB.Where(k => indexA.ContainsKey(k.Identity)).Select(k => k.Identity);
        var sameOrder = kept.SequenceEqual(keptInB, StringComparer.Ordinal);
        if (!sameOrder)
        {
            Emit(emit, JsonPatchOperation.Replace(at.Pointer, Element(b)));
        }

        var emitElements = emit && sameOrder;
        var labels = ElementKey.Labels(keysA.Concat(keysB));

        // Removed from the end first, so each index still names the element it meant.
        for (var i = keysA.Count - 1; i >= 0; i--)
        {
            if (!inB.Contains(keysA[i].Identity))
            {
                Emit(emitElements, JsonPatchOperation.Remove(at.Index(i).Pointer));
            }
        }

        for (var i = 0; i < keysA.Count; i++)
        {
            if (!inB.Contains(keysA[i].Identity))
            {
                Changes.Add(labels[keysA[i].Identity] is { } label ? $"{at.Named(i, label).Name}: removed" : $"{at.Name}: removed {Show(a[i])}");
            }
        }

        for (var i = 0; i < keysB.Count; i++)
        {
            var label = labels[keysB[i].Identity];
            if (indexA.TryGetValue(keysB[i].Identity, out var j))
            {
                Compare(a[j], b[i], label is null ? at.Index(i) : at.Named(i, label), emitElements);
                continue;
            }

            Emit(emitElements, JsonPatchOperation.Add(at.Index(i).Pointer, Element(b[i])));
            Changes.Add(label is null ? $"{at.Name}: added {Show(b[i])}" : $"{at.Named(i, label).Name}: added {Show(b[i])}");
        }

        if (!sameOrder)
        {
            Changes.Add($"{at.Name}: order changed");
        }
    }

    private void CompareByPosition(JsonArray a, JsonArray b, Location at, bool emit)
    {
        var common = Math.Min(a.Count, b.Count);
        for (var i = 0; i < common; i++)
        {
            Compare(a[i], b[i], at.Index(i), emit);
        }

        for (var i = a.Count - 1; i >= common; i--)
        {
            Emit(emit, JsonPatchOperation.Remove(at.Index(i).Pointer));
        }

        for (var i = common; i < a.Count; i++)
        {
            Changes.Add($"{at.Index(i).Name}: removed (was {Show(a[i])})");
        }

        for (var i = common; i < b.Count; i++)
        {
            Emit(emit, JsonPatchOperation.Add(at.Index(i).Pointer, Element(b[i])));
            Changes.Add($"{at.Index(i).Name}: added {Show(b[i])}");
        }
    }

    private void Emit(bool emit, JsonPatchOperation operation)
    {
        if (emit)
        {
            Patch.Add(operation);
        }
    }

    private static JsonElement Element(JsonNode? node) => JsonSerializer.SerializeToElement(node);

    /// <summary>
    /// A value as a line shows it: a plain word (an id, a hex digest, a URI without spaces) as it is, anything else as JSON,
    /// whose escaping keeps control characters and look-alike Unicode of an author's text out of a reviewer's terminal.
    /// </summary>
    internal static string Show(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) =>
            PlainWord().IsMatch(text) && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                && text is not ("true" or "false" or "null")
                ? text
                : JsonSerializer.Serialize(text),
        null => "null",
        _ => node.ToJsonString(),
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$")]
    private static partial Regex PlainWord();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    /// <summary>Where a value is: its RFC 6901 pointer, and its path as a line names it (<c>cleanRoom.vmpl</c>, <c>secrets["model-key"]</c>).</summary>
    internal readonly record struct Location(string Pointer, string Path)
    {
        public string Name => Path.Length == 0 ? "(content)" : Path;

        public Location Member(string key) => new(
            $"{Pointer}/{key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}",
            !Identifier().IsMatch(key) ? $"{Path}[{JsonSerializer.Serialize(key)}]" : Path.Length == 0 ? key : $"{Path}.{key}");

        public Location Index(int index) => new($"{Pointer}/{index}", $"{Path}[{index}]");

        public Location Named(int index, string label) => new($"{Pointer}/{index}", $"{Path}[{JsonSerializer.Serialize(label)}]");
    }
}
