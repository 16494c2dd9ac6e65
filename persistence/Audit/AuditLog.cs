using Governance.Domain.Audit;

namespace Governance.Persistence.Audit;

/// <summary>Appends entries through the caller's context so they commit with the caller's change.</summary>
internal sealed class AuditLog(GovernanceDbContext db, TimeProvider time, IRequestIdAccessor? requestId = null) : IAuditLog
{
    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        db.AuditEntries.Add(new AuditEntryRow
        {
            Timestamp = time.GetUtcNow(),
            ActorKind = record.Actor.Kind.ToString().ToLowerInvariant(),
            ActorId = record.Actor.Id,
            Action = record.Action,
            Subjects = [.. record.Subjects],
            Outcome = record.Outcome.ToString().ToLowerInvariant(),
            Details = record.Details?.ToJsonString() ?? "{}",
            RequestId = requestId?.RequestId,
        });
        return Task.CompletedTask;
    }
}
