using System.CommandLine;
using System.Text.Json;
using Governance.Agent;
using Governance.Agent.Evidence;
using Governance.Cli.Infrastructure;
using Governance.Protocol.Audit;
using Spectre.Console;

namespace Governance.Cli.Commands;

/// <summary>`governance vm release`: the agent that runs inside the clean room VM.</summary>
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
        var contract = new Option<string>("--contract") { Description = "Id of the accepted contract to release.", Required = true, HelpName = "ID" };
        var output = new Option<string>("--out") { Description = "Folder for the secrets (files 0600), dataset descriptors and the receipt.", Required = true, HelpName = "DIR" };
        var tsmPath = new Option<string>("--tsm-path")
        {
            Description = "configfs-tsm report folder.",
            DefaultValueFactory = _ => ConfigfsTsmEvidenceSource.DefaultPath,
            HelpName = "DIR",
        };
        var devicePath = new Option<string>("--sev-guest-path")
        {
            Description = "The sev-guest device.",
            DefaultValueFactory = _ => SevGuestEvidenceSource.DefaultPath,
            HelpName = "FILE",
        };
        var source = new Option<string>("--evidence")
        {
            Description = "Where the report comes from: configfs-tsm, /dev/sev-guest, or the first present.",
            DefaultValueFactory = _ => EvidenceSources.Auto,
        };
        source.AcceptOnlyFromAmong([.. EvidenceSources.Modes]);
        var privilegeLevel = new Option<int?>("--privlevel") { Description = "VMPL to request the report for (default: the agent's own).", HelpName = "0-3" };
        var manifest = new Option<string?>("--manifest") { Description = "Launch manifest whose SHA-256 is HOST_DATA (contracts with a custom runtime).", HelpName = "FILE" };
        var serviceKeys = new Option<string?>("--service-keys")
        {
            Description = "The service's key set (GET /keys) the VM was given; the receipt must verify with it. Default: read it from the service.",
            HelpName = "FILE",
        };

        var release = new Command("release", "Attest this VM and write the contract's released secrets to a folder.")
        {
            contract, output, tsmPath, devicePath, source, privilegeLevel, manifest, serviceKeys,
        };
        release.SetGovernanceAction(host, async (context, cancellationToken) =>
        {
            var p = context.ParseResult;
            var manifestPath = p.GetValue(manifest);
            var manifestBytes = manifestPath is null ? null : await File.ReadAllBytesAsync(manifestPath, cancellationToken);
            var keysPath = p.GetValue(serviceKeys);
            var pinnedKeys = keysPath is null ? null : await ReadKeySetAsync(keysPath, cancellationToken);
            using var client = context.AnonymousClient();
            try
            {
                var evidence = EvidenceSources.Select(p.GetRequiredValue(source), p.GetRequiredValue(tsmPath), p.GetRequiredValue(devicePath), p.GetValue(privilegeLevel));
                var outcome = await new ReleaseAgent(client, evidence, pinnedKeys).ReleaseAsync(p.GetRequiredValue(contract), p.GetRequiredValue(output), manifestBytes, cancellationToken);
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

    private static async Task<ServiceJwkSet> ReadKeySetAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<ServiceJwkSet>(file, AuditJson.Options, cancellationToken)
                ?? throw new CliUsageException($"{path} holds no key set.");
        }
        catch (JsonException exception)
        {
            throw new CliUsageException($"{path} is not a JWK set as GET /keys returns it: {exception.Message}");
        }
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
