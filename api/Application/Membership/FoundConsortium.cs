using Governance.Domain;
using Governance.Domain.Audit;
using Governance.Domain.Members;
using Governance.Domain.Proposals;
using Governance.Persistence.Audit;

namespace Governance.Api.Application.Membership;

/// <summary>
/// Writes the founding members and rules into an empty database, with the <c>consortium.genesis</c> entry. Replicas
/// founding at once are serialised by the membership lock, and only the first finds the database empty.
/// </summary>
internal sealed class FoundConsortium(IUnitOfWork unitOfWork, IMembershipRepository membership, IAuditLog audit, TimeProvider time)
{
    /// <returns>False when the consortium was founded already.</returns>
    public async Task<bool> HandleAsync(Genesis genesis, CancellationToken cancellationToken)
    {
        await using var work = await unitOfWork.BeginAsync(cancellationToken);
        await membership.LockAsync(cancellationToken);
        if (await membership.IsFoundedAsync(cancellationToken))
        {
            return false;
        }

        membership.Found(genesis, time.StoredNow());
        await audit.AppendAsync(AuditRecord.ConsortiumFounded(genesis), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return true;
    }
}
