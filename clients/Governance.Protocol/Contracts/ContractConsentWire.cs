namespace Governance.Protocol.Contracts;

/// <summary>The consent switches by their wire names.</summary>
public static class ConsentSwitchNames
{
    /// <summary>Whether the clean room may run: any party pauses it alone, for itself; only that party resumes.</summary>
    public const string Execution = "execution";

    /// <summary>Whether the clean room may keep logs: on only while every party has it on.</summary>
    public const string Logging = "logging";

    /// <summary>Whether the clean room may send telemetry: on only while every party has it on.</summary>
    public const string Telemetry = "telemetry";

    public static IReadOnlyList<string> All { get; } = [Execution, Logging, Telemetry];
}

/// <summary>A party turns one of its consent switches on or off.</summary>
/// <param name="Switch"><c>execution</c>, <c>logging</c> or <c>telemetry</c>.</param>
/// <param name="Enabled">The party's new setting.</param>
/// <param name="Sequence">The contract's consent sequence after this change: the view's <c>consent.sequence</c> + 1.</param>
/// <param name="Signature">Compact JWS by one of the caller's active keys over
/// <c>governance-contract-consent-v1:{id}:{switch}:{enabled}:{sequence}</c> (see <see cref="ContractConsentSignature"/>).</param>
/// <param name="Reason">Why, recorded in the audit log (up to 2,000 characters).</param>
public sealed record ChangeConsentRequest(string Switch, bool Enabled, int Sequence, string? Signature, string? Reason = null);

/// <summary>Where a contract's consent stands: the effective switches and what each party set.</summary>
/// <param name="Execution">True unless a party paused it.</param>
/// <param name="PausedBy">The parties whose execution switch is off.</param>
/// <param name="Logging">True only while every party has logging on.</param>
/// <param name="LoggingEnabledBy">The parties whose logging switch is on.</param>
/// <param name="Telemetry">True only while every party has telemetry on.</param>
/// <param name="TelemetryEnabledBy">The parties whose telemetry switch is on.</param>
/// <param name="Sequence">How many consent changes were recorded; the next change signs this + 1.</param>
public sealed record ContractConsentView(
    bool Execution,
    IReadOnlyList<string> PausedBy,
    bool Logging,
    IReadOnlyList<string> LoggingEnabledBy,
    bool Telemetry,
    IReadOnlyList<string> TelemetryEnabledBy,
    int Sequence);
