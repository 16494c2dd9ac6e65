namespace Governance.Cli.Commands;

/// <summary>`governance status`: does the service (and its database) answer?</summary>
internal static class StatusCommands
{
    public static Command Create(CliHost host) =>
        new Command("status", "Check that the service and its database answer (exit 0 ready, 3 not).").SetGovernanceAction(host, async (context, cancellationToken) =>
        {
            using var client = context.AnonymousClient();
            var ready = await client.IsReadyAsync(cancellationToken);
            var view = new { service = client.BaseAddress?.ToString(), ready };
            context.Output.WriteDetails(view, ("service", view.service), ("ready", ready ? "yes" : "no (database not answering)"));
            return ready ? ExitCodes.Ok : ExitCodes.Unreachable;
        });
}
