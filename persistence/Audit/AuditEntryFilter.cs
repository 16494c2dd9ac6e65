namespace Governance.Persistence.Audit;

/// <summary>
/// What to list. <see cref="VisibleToMember"/> restricts to that member's own actions and entries about the
/// given contracts (<see cref="VisibleContracts"/>), for callers who are not auditors. <see cref="ActionPrefix"/> matches
/// every action that starts with it; <see cref="Measurement"/> matches entries whose verified claims carry that launch
/// measurement (lowercase hex).
/// </summary>
public sealed record AuditEntryFilter(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Actor = null,
    string? Action = null,
    string? ContractId = null,
    string? Outcome = null,
    long? After = null,
    int Limit = 100,
    string? VisibleToMember = null,
    IReadOnlyList<string>? VisibleContracts = null)
{
    public long? FromSequence { get; init; }

    public long? ToSequence { get; init; }

    public string? ActionPrefix { get; init; }

    public string? Subject { get; init; }

    public string? Measurement { get; init; }
}
