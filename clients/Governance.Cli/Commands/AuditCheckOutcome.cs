namespace Governance.Cli.Commands;

/// <summary>
/// How an audit command ended: a verdict line (VALID:, INVALID:, error:) after any warnings, or, with --json,
/// one JSON object with the same verdict, message, warnings and exit code.
/// </summary>
internal sealed record AuditCheckOutcome(int ExitCode, string Verdict, string Message, IReadOnlyList<string> Warnings)
{
    public static AuditCheckOutcome Valid(string message, IReadOnlyList<string> warnings) => new(AuditCommands.Valid, "valid", message, warnings);

    public static AuditCheckOutcome Invalid(string message, IReadOnlyList<string>? warnings = null) => new(AuditCommands.Invalid, "invalid", message, warnings ?? []);

    public static AuditCheckOutcome Error(string message) => new(AuditCommands.BadInput, "error", message, []);

    public static AuditCheckOutcome Exported(string message) => new(AuditCommands.Valid, "exported", message, []);

    public async Task<int> WriteAsync(TextWriter console, bool json)
    {
        if (json)
        {
            await console.WriteLineAsync(JsonSerializer.Serialize(
                new { verdict = Verdict, message = Message, warnings = Warnings, exitCode = ExitCode }, GovernanceJson.Indented));
            return ExitCode;
        }

        foreach (var warning in Warnings)
        {
            await console.WriteLineAsync("warning: " + warning);
        }

        await console.WriteLineAsync(Verdict switch
        {
            "valid" => "VALID: ",
            "invalid" => "INVALID: ",
            "error" => "error: ",
            _ => "",
        } + Message);
        return ExitCode;
    }
}
