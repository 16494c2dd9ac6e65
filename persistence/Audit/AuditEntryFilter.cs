namespace Governance.Persistence.Audit;

/// <summary>
/// What to list, within the reader's <see cref="Domain.Audit.AuditScope"/>. <see cref="ActionPrefix"/> matches every
/// action that starts with it; <see cref="Measurement"/> matches entries whose verified claims carry that launch
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
    int Limit = 100)
{
    public long? FromSequence { get; init; }

    public long? ToSequence { get; init; }

    public string? ActionPrefix { get; init; }

    public string? Subject { get; init; }

    public string? Measurement { get; init; }
}
