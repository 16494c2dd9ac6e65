using System.Globalization;
using System.Text.Json.Nodes;
using Governance.Protocol.Contracts;

namespace Governance.Protocol.Tests.Contracts;

/// <summary>RFC 6902 add, remove, replace and move over RFC 6901 pointers, strict about every path, to check that a patch applies.</summary>
internal static class JsonPatchApplier
{
    public static JsonNode? Apply(JsonNode? document, IEnumerable<JsonPatchOperation> patch)
    {
        var root = document?.DeepClone();
        foreach (var operation in patch)
        {
            root = operation.Op switch
            {
                "add" => Add(root, operation.Path, Value(operation)),
                "remove" => Remove(root, operation.Path, out _),
                "replace" => Add(Remove(root, operation.Path, out _), operation.Path, Value(operation)),
                "move" => Move(root, operation),
                _ => throw new InvalidOperationException($"Unsupported op '{operation.Op}'."),
            };
        }

        return root;
    }

    private static JsonNode? Move(JsonNode? root, JsonPatchOperation operation)
    {
        var after = Remove(root, operation.From ?? throw new InvalidOperationException("move without from"), out var moved);
        return Add(after, operation.Path, moved);
    }

    private static JsonNode? Value(JsonPatchOperation operation) =>
        JsonNode.Parse(operation.Value?.GetRawText() ?? throw new InvalidOperationException($"{operation.Op} without value"));

    private static JsonNode? Add(JsonNode? root, string path, JsonNode? value)
    {
        if (path.Length == 0)
        {
            return value;
        }

        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array when last == "-":
                array.Add(value);
                break;
            case JsonArray array:
                var index = Index(last, array.Count);
                array.Insert(index, value);
                break;
            default:
                throw new InvalidOperationException($"No container at '{path}'.");
        }

        return root;
    }

    private static JsonNode? Remove(JsonNode? root, string path, out JsonNode? removed)
    {
        if (path.Length == 0)
        {
            removed = root;
            return null;
        }

        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                removed = obj[last];
                obj.Remove(last);
                break;
            case JsonArray array:
                var index = Index(last, array.Count - 1);
                removed = array[index];
                array.RemoveAt(index);
                break;
            default:
                throw new InvalidOperationException($"Nothing at '{path}'.");
        }

        removed = removed?.DeepClone();
        return root;
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode? root, string path)
    {
        if (!path.StartsWith('/'))
        {
            throw new InvalidOperationException($"'{path}' is not a JSON pointer.");
        }

        var tokens = path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        var node = root;
        foreach (var token in tokens[..^1])
        {
            node = node switch
            {
                JsonObject obj when obj.ContainsKey(token) => obj[token],
                JsonArray array => array[Index(token, array.Count - 1)],
                _ => throw new InvalidOperationException($"Nothing at '{token}' of '{path}'."),
            };
        }

        return (node ?? throw new InvalidOperationException($"Null on the way to '{path}'."), tokens[^1]);
    }

    private static int Index(string token, int max)
    {
        var index = int.Parse(token, NumberStyles.None, CultureInfo.InvariantCulture);
        return token.Length > 1 && token[0] == '0' || index > max
            ? throw new InvalidOperationException($"Index '{token}' is out of range.")
            : index;
    }
}
