namespace Governance.Cli.Commands;

/// <summary>`governance service-keys list|rotate`: the keys the service signs tree heads and release receipts with.</summary>
internal static class ServiceKeysCommands
{
    public static Command Create(CliHost host) => new("service-keys", "The service's signing keys (tree heads, release receipts): list them, rotate them.")
    {
        List(host),
        Rotate(host),
    };

    private static Command List(CliHost host) =>
        new Command("list", "List every key the service has signed with, current first (no sign-in needed).").SetGovernanceAction(host, async (context, ct) =>
        {
            using var client = context.AnonymousClient();
            var set = await client.ServiceKeys.ListAsync(ct);
            // Keys come newest first; the first of each algorithm is the one signing now.
            var current = set.Keys.GroupBy(k => k.Alg).Select(g => g.First().Kid).ToHashSet(StringComparer.Ordinal);
            context.Output.WriteTable(set.Keys,
                ("kid", k => k.Kid),
                ("signs", k => k.Alg == ServiceJwk.ReceiptAlgorithm ? "receipts" : "tree heads"),
                ("created", k => k.CreatedAt.ToString("u", CultureInfo.InvariantCulture)),
                ("current", k => current.Contains(k.Kid) ? "yes" : ""));
            return ExitCodes.Ok;
        });

    private static Command Rotate(CliHost host) =>
        new Command("rotate", "Operators: make fresh tree-head and receipt keys current; earlier signatures keep verifying against the old keys, which stay published.").SetMemberAction(host, async (context, client, ct) =>
        {
            var rotation = await client.ServiceKeys.RotateAsync(ct);
            context.Output.Write(rotation, c =>
            {
                foreach (var key in rotation.Keys)
                {
                    c.MarkupLine($"[green]✓[/] {Markup.Escape(key.Purpose)}: current key {Markup.Escape(key.Current.Kid)}"
                        + (key.PreviousKeyId is { } previous ? $", replaces {Markup.Escape(previous)} (still published)" : ""));
                }
            });
            return ExitCodes.Ok;
        });
}
