namespace Governance.Domain.Contracts;

/// <summary>
/// Where a contract's consent stands, from each party's latest recorded setting of each switch: execution runs unless a
/// party paused it (<see cref="PausedBy"/>); logging and telemetry are on only while every party turned them on.
/// </summary>
/// <param name="PausedBy">Parties whose execution switch is off, in id order.</param>
/// <param name="LoggingEnabledBy">Parties whose logging switch is on, in id order.</param>
/// <param name="TelemetryEnabledBy">Parties whose telemetry switch is on, in id order.</param>
/// <param name="Sequence">How many consent changes were recorded.</param>
/// <param name="Parties">The contract's parties.</param>
public sealed record ConsentState(
    IReadOnlyList<string> PausedBy,
    IReadOnlyList<string> LoggingEnabledBy,
    IReadOnlyList<string> TelemetryEnabledBy,
    int Sequence,
    IReadOnlyList<string> Parties)
{
    public bool Execution => PausedBy.Count == 0;

    public bool Logging => Parties.All(LoggingEnabledBy.Contains);

    public bool Telemetry => Parties.All(TelemetryEnabledBy.Contains);

    /// <summary>The consent of a contract no party changed: execution on, logging and telemetry off.</summary>
    public static ConsentState Initial(IReadOnlyList<string> parties) => Of(parties, [], 0);

    /// <summary>The state <paramref name="latest"/> settings make, one per party and switch at most (a party never set keeps the default).</summary>
    /// <param name="parties">The contract's parties; settings of anyone else do not count.</param>
    /// <param name="latest">Each party's latest setting of each switch it changed.</param>
    /// <param name="sequence">How many consent changes were recorded.</param>
    public static ConsentState Of(IReadOnlyList<string> parties, IReadOnlyList<ConsentSetting> latest, int sequence)
    {
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(latest);
        return new ConsentState(
            Where(parties, latest, ConsentSwitch.Execution, enabled: false),
            Where(parties, latest, ConsentSwitch.Logging, enabled: true),
            Where(parties, latest, ConsentSwitch.Telemetry, enabled: true),
            sequence,
            parties);
    }

    /// <summary>The setting of <paramref name="memberId"/> for <paramref name="consentSwitch"/>.</summary>
    public bool SettingOf(string memberId, ConsentSwitch consentSwitch) => consentSwitch switch
    {
        ConsentSwitch.Execution => !PausedBy.Contains(memberId),
        ConsentSwitch.Logging => LoggingEnabledBy.Contains(memberId),
        _ => TelemetryEnabledBy.Contains(memberId),
    };

    private static string[] Where(IReadOnlyList<string> parties, IReadOnlyList<ConsentSetting> latest, ConsentSwitch consentSwitch, bool enabled) =>
    [
        .. parties
            .Where(p => (latest.FirstOrDefault(s => s.MemberId == p && s.Switch == consentSwitch)?.Enabled ?? consentSwitch.DefaultSetting()) == enabled)
            .Order(StringComparer.Ordinal),
    ];
}

/// <summary>A party's latest setting of one switch.</summary>
public sealed record ConsentSetting(string MemberId, ConsentSwitch Switch, bool Enabled);
