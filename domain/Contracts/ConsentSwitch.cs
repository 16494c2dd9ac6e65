namespace Governance.Domain.Contracts;

/// <summary>
/// What a party's consent governs while a contract is in force. <see cref="Execution"/> is on until a party turns it
/// off (a pause that party alone lifts); <see cref="Logging"/> and <see cref="Telemetry"/> are off until every party
/// turns them on, and any party turns them off again alone.
/// </summary>
public enum ConsentSwitch
{
    Execution,
    Logging,
    Telemetry,
}

public static class ConsentSwitches
{
    /// <summary>The wire name: execution, logging or telemetry.</summary>
    public static string ToWire(this ConsentSwitch consentSwitch) => consentSwitch switch
    {
        ConsentSwitch.Execution => ConsentSwitchNames.Execution,
        ConsentSwitch.Logging => ConsentSwitchNames.Logging,
        ConsentSwitch.Telemetry => ConsentSwitchNames.Telemetry,
        _ => throw new ArgumentOutOfRangeException(nameof(consentSwitch)),
    };

    /// <summary>Parses a wire name; 400 naming the three otherwise.</summary>
    public static ConsentSwitch Parse(string? name) => name switch
    {
        ConsentSwitchNames.Execution => ConsentSwitch.Execution,
        ConsentSwitchNames.Logging => ConsentSwitch.Logging,
        ConsentSwitchNames.Telemetry => ConsentSwitch.Telemetry,
        _ => throw DomainException.BadParameter("switch", "Unknown consent switch; use execution, logging or telemetry."),
    };

    /// <summary>What a party that never touched the switch is taken to have set.</summary>
    public static bool DefaultSetting(this ConsentSwitch consentSwitch) => consentSwitch == ConsentSwitch.Execution;
}
