namespace Governance.Cli.Commands;

/// <summary>
/// A party approves an amendment knowing what it changes. The version it amends is fetched and its content checked
/// against its digest as the amendment's is, and the difference is computed here from the two contents with the one
/// function the service's diff endpoint uses, so what is shown is what the two digests cover.
/// </summary>
internal static class ContractAmendmentReview
{
    /// <summary>The lines to show before the question; empty for an original version; null (the reason on stderr) when
    /// the earlier version's digest is not that of its content.</summary>
    public static async Task<IReadOnlyList<string>?> LinesAsync(GovernanceClient client, ContractView amendment, CliOutput output, CancellationToken cancellationToken)
    {
        if (amendment.PreviousVersionId is not { } previousId)
        {
            return [];
        }

        ContractView previous;
        try
        {
            previous = (await client.Contracts.GetAsync(previousId, cancellationToken)).Value;
        }
        catch (GovernanceNotFoundException)
        {
            return [$"Changes from the version it amends ({previousId}): not shown; you may not see that version."];
        }

        if (ContractDigestCheck.Recompute(previous, output) is null)
        {
            return null;
        }

        var difference = ContractDifference.Between(previous.Content, amendment.Content);
        return [.. ContractDiffCommand.Lines(amendment.Version, previous.Version, previous.Id, difference.Changes)];
    }
}
