using System.CommandLine;
using Governance.Agent;
using Governance.Agent.Evidence;
using Governance.Cli.Infrastructure;
using Spectre.Console;

namespace Governance.Cli.Commands;

/// <summary>`governance vm release`: the clean room agent (Governance.Agent, also shipped alone as governance-agent) run from the admin CLI.</summary>
internal static class VmCommands
{
    public static Command Create(CliHost host)
    {
        var vm = new Command("vm", "Run inside the clean room VM: obtain the contract's secrets with attestation evidence.");
        vm.Add(CreateRelease(host));
        return vm;
    }

    private static Command CreateRelease(CliHost host)
    {
        var options = new ReleaseOptions();
        var release = new Command("release", "Attest this VM and write the contract's released secrets to a folder.");
        options.AddTo(release);
        release.SetGovernanceAction(host, async (context, cancellationToken) =>
        {
            var p = context.ParseResult;
            var files = await options.ReadFilesAsync(p, cancellationToken);
            using var client = context.AnonymousClient();
            try
            {
                var outcome = await new ReleaseAgent(client, options.SelectEvidence(p), files.PinnedKeys)
                    .ReleaseAsync(p.GetRequiredValue(options.Contract), p.GetRequiredValue(options.Output), files.Manifest, cancellationToken);
                Print(context.Output, outcome);
                return ExitCodes.Ok;
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
        return release;
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
