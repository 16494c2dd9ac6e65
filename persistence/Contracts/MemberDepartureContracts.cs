using Governance.Domain.Contracts;
using Governance.Persistence.Audit;
using Microsoft.EntityFrameworkCore;

namespace Governance.Persistence.Contracts;

/// <summary>
/// Ends the contracts of a member the consortium removed or took the member role from (see
/// <see cref="Contract.EndBecausePartyLostStanding"/>), inside the transaction that changes the member: the change and
/// every contract it ends commit together or not at all.
/// </summary>
public sealed class MemberDepartureContracts(GovernanceDbContext db, IAuditLog audit)
{
    /// <returns>The contracts that changed.</returns>
    public async Task<IReadOnlyList<Contract>> EndContractsOfAsync(string memberId, string why, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Contracts of a member that loses its standing are ended in the transaction that changes the member.");
        }

        // Lock first, as every contract change does, so a concurrent approval or release waits and then sees the end.
        var ids = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM contracts WHERE ({memberId} = ANY (parties) OR proposer_id = {memberId}) AND state IN ('Draft', 'Proposed', 'Accepted') ORDER BY id FOR UPDATE")
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        var contracts = await db.Contracts.Include(c => c.Approvals).Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var ended = new List<Contract>();
        foreach (var contract in contracts.OrderBy(c => c.Id))
        {
            if (contract.EndBecausePartyLostStanding(memberId, why, now))
            {
                await ContractEventRecorder.RecordAsync(db, audit, contract, cancellationToken);
                ended.Add(contract);
            }
        }

        return ended;
    }
}
