namespace Governance.Cli.Commands;

/// <summary>
/// `governance contracts consent ID [--switch execution|logging|telemetry --enable|--disable] [--reason TEXT]`: shows the
/// contract's consent switches, or changes one of yours, signed with your key over the next consent sequence.
/// </summary>
internal static class ContractConsentCommand
{
    public static Command Create(CliHost host, Argument<Guid> id)
    {
        var consentSwitch = new Option<string?>("--switch") { Description = "The switch to change: execution, logging or telemetry.", HelpName = "SWITCH" };
        consentSwitch.AcceptOnlyFromAmong([.. ConsentSwitchNames.All]);
        var enable = new Option<bool>("--enable") { Description = "Turn your switch on (resume execution; allow logging or telemetry)." };
        var disable = new Option<bool>("--disable") { Description = "Turn your switch off (pause execution; stop logging or telemetry)." };
        var reason = new Option<string?>("--reason") { Description = "Why (recorded in the audit log)." };
        return new Command("consent", "Show the contract's consent switches, or turn one of yours on or off (signed with --key).")
        {
            id, consentSwitch, enable, disable, reason,
        }.SetGovernanceAction(host, async (context, ct) =>
        {
            var p = context.ParseResult;
            var contractId = p.GetRequiredValue(id);
            using var client = context.MemberClient();
            var contract = (await client.Contracts.GetAsync(contractId, ct)).Value;
            if (p.GetValue(consentSwitch) is not { } name)
            {
                Write(context.Output, contract);
                return ExitCodes.Ok;
            }

            if (p.GetValue(enable) == p.GetValue(disable))
            {
                context.Output.ErrorConsole.MarkupLine("[red]error:[/] give exactly one of --enable or --disable with --switch.");
                return ExitCodes.Usage;
            }

            using var key = ECDsa.Create();
            key.ImportFromPem(await File.ReadAllTextAsync(context.Settings.RequireKeyPath(), ct));
            Write(context.Output, await client.Contracts.SignAndChangeConsentAsync(contractId, key, name, p.GetValue(enable), p.GetValue(reason), ct));
            return ExitCodes.Ok;
        });
    }

    private static void Write(CliOutput output, ContractView contract)
    {
        var consent = contract.Consent;
        output.WriteDetails(contract,
            ("contract", contract.Id.ToString()), ("state", contract.State.ToString()),
            ("execution", consent is null ? "(not accepted)" : consent.Execution ? "running" : $"paused by {string.Join(", ", consent.PausedBy)}"),
            ("logging", consent is null ? null : $"{(consent.Logging ? "on" : "off")} (on for: {string.Join(", ", consent.LoggingEnabledBy)})"),
            ("telemetry", consent is null ? null : $"{(consent.Telemetry ? "on" : "off")} (on for: {string.Join(", ", consent.TelemetryEnabledBy)})"),
            ("consent sequence", consent?.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
