namespace Governance.Cli.Commands;

/// <summary>`governance contracts diff ID [--from VERSION]`: what an amendment changed, as the service's diff endpoint says it.</summary>
internal static class ContractDiffCommand
{
    public static Command Build(CliHost host)
    {
        var id = new Argument<Guid>("id") { Description = "Contract id (a version of an amendment chain)." };
        var from = new Option<int?>("--from") { Description = "The earlier version to compare with (default: the one before).", HelpName = "VERSION" };
        return new Command("diff", "Show how a contract version differs from an earlier version of its chain: one line per change (--json: the JSON Patch too).")
        {
            id, from,
        }.SetMemberAction(host, async (context, client, ct) =>
        {
            var diff = await client.Contracts.GetDiffAsync(context.ParseResult.GetRequiredValue(id), context.ParseResult.GetValue(from), ct);
            context.Output.Write(diff, console =>
            {
                foreach (var line in Lines(diff.Version, diff.FromVersion, diff.FromContractId, diff.Changes))
                {
                    console.WriteLine(line);
                }
            });
            return ExitCodes.Ok;
        });
    }

    /// <summary>A heading and the changes indented under it; <c>approve</c> shows an amendment's changes the same way.</summary>
    public static IEnumerable<string> Lines(int version, int fromVersion, Guid fromContractId, IReadOnlyList<string> changes)
    {
        yield return string.Create(CultureInfo.InvariantCulture, $"Changes of version {version} from version {fromVersion} ({fromContractId}):");
        if (changes.Count == 0)
        {
            yield return "  none: the content is the same";
        }

        foreach (var change in changes)
        {
            yield return "  " + change;
        }
    }
}
