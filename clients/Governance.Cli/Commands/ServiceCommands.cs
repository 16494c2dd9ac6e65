namespace Governance.Cli.Commands;

/// <summary>`governance service verify|status`: decide whether the service itself deserves trust, from its own fresh evidence, and whether it holds its key.</summary>
internal static class ServiceCommands
{
    public static Command Create(CliHost host) => new("service", "The governance service itself: check what it attests before trusting it.")
    {
        Verify(host),
        Status(host),
    };

    private static Command Status(CliHost host) =>
        new Command("status",
            "Show whether the service holds its key-encryption key and, if not, why and what would give it: the approved builds, "
            + "the recovery shares received (exit 0 open, 1 starting, awaiting the key or refused, 3 unreachable).").SetGovernanceAction(host, async (context, ct) =>
        {
            using var client = context.AnonymousClient();
            var status = await client.Service.GetStatusAsync(ct);
            context.Output.WriteDetails(status,
                ("mode", status.Mode), ("state", status.State), ("reason", status.Reason),
                ("measurement", status.Measurement), ("key", status.KeyEncryptionKey),
                ("approved builds", status.ApprovedMeasurements is null ? null : string.Join("\n", status.ApprovedMeasurements)),
                ("recovery", status.Recovery is not { } recovery ? null
                    : $"{recovery.Threshold} of {string.Join(", ", recovery.Holders)}; {recovery.Received} received"));
            return status.State == "open" ? ExitCodes.Ok : ExitCodes.Refused;
        });

    private static Command Verify(CliHost host)
    {
        var trust = new ServiceTrustOptions("--measurement", "An approved launch measurement of the service (96 hex digits); repeat for several.");
        var command = new Command("verify",
            "Ask the service for fresh evidence over a random nonce and check it: signature and chain to AMD's roots, keys bound in REPORT_DATA, "
            + "the nonce, and the measurement among those given (exit 0 trusted, 1 not, 2 bad input, 3 unreachable).");
        trust.AddTo(command);
        return command.SetGovernanceAction(host, async (context, ct) =>
        {
            if (!trust.Given(context.ParseResult))
            {
                throw new CliUsageException("Give the approved measurements with --measurement HEX or --measurement-file FILE.");
            }

            using var client = context.AnonymousClient();
            var (served, result) = await trust.CheckAsync(context.ParseResult, client, ct);
            context.Output.Write(new
            {
                trusted = result.Trusted,
                measurement = result.Measurement,
                product = result.Product,
                buildVersion = served.BuildVersion,
                consortium = served.Consortium,
                identityKey = served.Keys.Identity.Kid,
                transitKey = served.Keys.Transit.Kid,
                signingKeys = served.Keys.Signing.Select(k => k.Kid).ToArray(),
                failures = result.Failures,
            }, console =>
            {
                console.MarkupLine(result.Trusted ? "[green]✓ trusted[/]" : "[red]✗ not trusted[/]");
                console.MarkupLine($"measurement  {Markup.Escape(result.Measurement ?? "(unverified)")}");
                console.MarkupLine($"build        {Markup.Escape(served.BuildVersion)}");
                console.MarkupLine($"consortium   {Markup.Escape(served.Consortium)}");
                console.MarkupLine($"identity key {Markup.Escape(served.Keys.Identity.Kid)}");
                console.MarkupLine($"transit key  {Markup.Escape(served.Keys.Transit.Kid)}");
                console.MarkupLine($"signing keys {Markup.Escape(string.Join(", ", served.Keys.Signing.Select(k => k.Kid)))}");
                ServiceFailures.Print(console, result);
            });
            return result.Trusted ? ExitCodes.Ok : ExitCodes.Refused;
        });
    }
}
