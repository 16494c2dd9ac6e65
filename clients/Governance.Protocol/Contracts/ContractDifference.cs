namespace Governance.Protocol.Contracts;

/// <summary>
/// What changed between two contents: an RFC 6902 patch that turns the first into the second, and the same in words.
/// A pure function of the two contents, so the service, the CLI and any console compute the same answer.
/// </summary>
/// <param name="Patch">Applied in order to the earlier content's JSON form (<see cref="ContractJson.Options"/>), it gives the later one.</param>
/// <param name="Changes">One line per difference; lists of named things (parties, datasets, secrets, output formats) by name.</param>
public sealed record ContractDifference(IReadOnlyList<JsonPatchOperation> Patch, IReadOnlyList<string> Changes)
{
    public bool IsEmpty => Patch.Count == 0;

    public static ContractDifference Between(ContractContent from, ContractContent to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return Between(JsonSerializer.SerializeToNode(from, ContractJson.Options), JsonSerializer.SerializeToNode(to, ContractJson.Options));
    }

    /// <summary>The difference of two JSON values of any shape; contents are compared through <see cref="Between(ContractContent, ContractContent)"/>.</summary>
    public static ContractDifference Between(JsonNode? from, JsonNode? to)
    {
        var differences = new JsonDifferences();
        differences.Compare(from, to, JsonDifferences.Root);
        return new ContractDifference(differences.Patch, differences.Changes);
    }
}
