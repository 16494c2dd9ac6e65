namespace Governance.Persistence.Contracts;

/// <summary>Adds a contract's pending transitions to <c>contract_events</c> and the audit log, in the caller's transaction.</summary>
internal static class ContractEventRecorder
{
    public static async Task RecordAsync(GovernanceDbContext db, IAuditLog audit, Contract contract, CancellationToken cancellationToken)
    {
        foreach (var recorded in contract.DrainEvents())
        {
            db.ContractEvents.Add(recorded);
            await audit.AppendAsync(AuditRecord.ContractTransition(contract, recorded), cancellationToken);
        }
    }
}
