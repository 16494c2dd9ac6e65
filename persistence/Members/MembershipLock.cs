namespace Governance.Persistence.Members;

/// <summary>
/// Serialises every change to membership, rules, proposals and member keys (genesis included) with a
/// transaction-scoped advisory lock: these changes are rare, and deciding a quorum needs a stable roll.
/// </summary>
internal static class MembershipLock
{
    public static Task AcquireAsync(GovernanceDbContext db, CancellationToken cancellationToken) =>
        AdvisoryLocks.AcquireAsync(db, AdvisoryLocks.Membership, cancellationToken);
}
