using Governance.GuestEvidence;

namespace Governance.Cli.Commands;

/// <summary>
/// `governance vm release` and `governance vm watch`: the clean room agent (Governance.Agent, also shipped alone as
/// governance-agent) run from the admin CLI.
/// </summary>
internal static class VmCommands
{
    public static Command Create(CliHost host)
    {
        var vm = new Command("vm", "Run inside the clean room VM: obtain the contract's secrets with attestation evidence.");
        var options = new ReleaseOptions();
        var release = new Command("release", "Attest this VM and write the contract's released secrets to a folder.");
        options.AddTo(release);
        SetAgentAction(release, host, options, (_, _, _, _) => Task.FromResult(ExitCodes.Ok));
        var watch = new Command("watch", "Release, then check consent every --interval; stop, deleting the released files, when paused or revoked.")
        {
            options.Interval,
        };
        options.AddTo(watch);
        SetAgentAction(watch, host, options, async (context, released, wrappingKey, cancellationToken) =>
        {
            using var client = context.AnonymousClient();
            var files = await options.ReadFilesAsync(context.ParseResult, cancellationToken);
            var keys = files.PinnedKeys ?? await client.ServiceKeys.ListAsync(cancellationToken);
            var stopped = await new ConsentWatcher(client, keys, TimeProvider.System)
                .WatchAsync(released, wrappingKey, context.ParseResult.GetRequiredValue(options.Interval), cancellationToken);
            context.Output.Write(stopped, console => console.MarkupLine(
                $"[red]stopped:[/] {Markup.Escape(stopped.Reason)}{(stopped.PausedBy.Count > 0 ? $" by {Markup.Escape(string.Join(", ", stopped.PausedBy))}" : "")}; deleted {stopped.Deleted.Count} released file(s)"));
            return ExitCodes.Refused;
        });
        vm.Add(release);
        vm.Add(watch);
        return vm;
    }

    /// <summary>Releases with a wrapping key kept for <paramref name="then"/>, which says how the command ends.</summary>
    private static void SetAgentAction(
        Command command, CliHost host, ReleaseOptions options, Func<CliContext, ReleaseOutcome, WrappingKeyPair, CancellationToken, Task<int>> then)
    {
        command.SetGovernanceAction(host, async (context, cancellationToken) =>
        {
            var p = context.ParseResult;
            var files = await options.ReadFilesAsync(p, cancellationToken);
            using var client = context.AnonymousClient();
            using var wrappingKey = WrappingKeyPair.Create();
            try
            {
                var outcome = await new ReleaseAgent(client, options.SelectEvidence(p), files.PinnedKeys)
                    .ReleaseAsync(p.GetRequiredValue(options.Contract), p.GetRequiredValue(options.Output), files.Manifest, wrappingKey, cancellationToken);
                Print(context.Output, outcome);
                return await then(context, outcome, wrappingKey, cancellationToken);
            }
            catch (EvidenceUnavailableException exception)
            {
                context.Output.ErrorConsole.MarkupLine($"[red]error:[/] no attestation evidence\n  {Markup.Escape(exception.Message)}");
                return ExitCodes.Refused;
            }
            catch (ReceiptRejectedException exception)
            {
                context.Output.ErrorConsole.MarkupLine($"[red]error:[/] the release receipt does not check out; nothing was written\n  {Markup.Escape(exception.Message)}");
                return ExitCodes.Refused;
            }
        });
    }

    private static void Print(CliOutput output, ReleaseOutcome outcome)
    {
        output.Write(outcome, console =>
        {
            console.MarkupLine($"[green]✓[/] released contract [bold]{Markup.Escape(outcome.ContractId)}[/] with {Markup.Escape(outcome.EvidenceSource)} evidence into {Markup.Escape(outcome.OutputDirectory)}");
            var table = new Table().Border(TableBorder.Rounded).AddColumns("kind", "owner", "name", "file", "bytes");
            foreach (var item in outcome.Items)
            {
                table.AddRow(Markup.Escape(item.Kind), Markup.Escape(item.Owner), Markup.Escape(item.Name), Markup.Escape(item.File), item.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            console.Write(table);
            console.MarkupLine($"receipt: verified; contract digest {Markup.Escape(outcome.Receipt.ContractDigest)}, released at {outcome.Receipt.ReleasedAt:u} (receipt.jws)");
        });
    }
}
