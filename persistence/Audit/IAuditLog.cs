
namespace Governance.Persistence.Audit;

/// <summary>
/// Appends to the tamper-evident log. Call inside the transaction of the change being recorded, before
/// SaveChanges/Commit: the entry lands if and only if the change does.
/// </summary>
public interface IAuditLog
{
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);
}
