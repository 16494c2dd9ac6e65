namespace Governance.Persistence.Audit;

/// <summary>What to list, within the reader's <see cref="Domain.Audit.AuditScope"/>.</summary>
public sealed record AuditEntryFilter(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Actor = null,
    string? Action = null,
    string? ContractId = null,
    string? Outcome = null,
    long? After = null,
    int Limit = 100);
