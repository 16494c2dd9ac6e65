namespace Governance.Persistence.Audit;

/// <summary>
/// Alert counters of the audit log, on the service's meter (<see cref="MeterName"/>): both should stay at zero, and
/// any increase needs an operator.
/// </summary>
public sealed class AuditMetrics : IDisposable
{
    /// <summary>The meter the service exports (the telemetry setup subscribes to this name).</summary>
    public const string MeterName = "governance";

    private readonly Meter? owned;
    private readonly Counter<long> poisoned;
    private readonly Counter<long> integrityFailures;

    public AuditMetrics(IMeterFactory? meters = null)
    {
        // Hosts register a meter factory; a bare service collection (tools, tests) may not.
        var meter = meters?.Create(MeterName) ?? (owned = new Meter(MeterName));
        poisoned = meter.CreateCounter<long>("governance.audit.entries_poisoned", unit: "{entry}",
            description: "Queued audit entries the log could not store; each was replaced by an audit.entry_poisoned entry.");
        integrityFailures = meter.CreateCounter<long>("governance.audit.integrity_failures", unit: "{check}",
            description: "Checks that found a stored entry, tree node or signed tree head that does not match the entries.");
    }

    public void EntryPoisoned() => poisoned.Add(1);

    public void IntegrityFailure() => integrityFailures.Add(1);

    public void Dispose() => owned?.Dispose();
}
