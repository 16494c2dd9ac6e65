
namespace Governance.Persistence.Contracts;

/// <summary>The live contracts of a member, locked in PostgreSQL as every contract change locks them: row lock first, then the load.</summary>
internal sealed class DepartingMemberContracts(GovernanceDbContext db) : IDepartingMemberContracts
{
    public async Task<IReadOnlyList<Contract>> LockLiveContractsOfAsync(string memberId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Contracts of a member that loses its standing are locked inside a unit of work.");
        }

        var ids = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM contracts WHERE ({memberId} = ANY (parties) OR proposer_id = {memberId}) AND state IN ('Draft', 'Proposed', 'Accepted') ORDER BY id FOR UPDATE")
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        var contracts = await db.Contracts.Include(c => c.Approvals).Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        return [.. contracts.OrderBy(c => c.Id)];
    }
}
