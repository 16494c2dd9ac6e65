using Microsoft.EntityFrameworkCore;

namespace Governance.Persistence.Members;

/// <summary>
/// Serialises every change to membership, rules, proposals and member keys (genesis included) with a
/// transaction-scoped advisory lock: these changes are rare, and deciding a quorum needs a stable roll.
/// </summary>
internal static class MembershipLock
{
    public static async Task AcquireAsync(GovernanceDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(29114476799026541)" /* "gov_mem" */, cancellationToken);
    }
}
