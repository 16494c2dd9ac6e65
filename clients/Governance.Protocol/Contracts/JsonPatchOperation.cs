namespace Governance.Protocol.Contracts;

/// <summary>One RFC 6902 JSON Patch operation; paths are RFC 6901 pointers into a contract content's JSON form.</summary>
/// <param name="Op"><c>add</c>, <c>remove</c>, <c>replace</c> or <c>move</c>.</param>
/// <param name="Path">Where the operation applies, e.g. <c>/cleanRoom/vmpl</c> or <c>/parties/2</c>.</param>
/// <param name="From">For <c>move</c>: where the value comes from.</param>
/// <param name="Value">For <c>add</c> and <c>replace</c>: the new value.</param>
public sealed record JsonPatchOperation(string Op, string Path, string? From = null, JsonElement? Value = null)
{
    public static JsonPatchOperation Add(string path, JsonElement value) => new("add", path, Value: value);

    public static JsonPatchOperation Remove(string path) => new("remove", path);

    public static JsonPatchOperation Replace(string path, JsonElement value) => new("replace", path, Value: value);
}
