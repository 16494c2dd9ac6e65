using Governance.Domain;
using Governance.Domain.Audit;
using Governance.Domain.Proposals;
using Governance.Persistence.Audit;

namespace Governance.Api.Application.Membership;

/// <summary>
/// A voting member proposes a change to the membership or the quorum rule. A change that could never be applied
/// (a member id used before, a key or external identity in use, the last voter's removal) is refused before anyone votes.
/// </summary>
internal sealed class ProposeMembershipChange(IUnitOfWork unitOfWork, IMembershipRepository membership, IAuditLog audit, TimeProvider time)
{
    public async Task<Proposal> HandleAsync(string proposerId, ProposalChange change, CancellationToken cancellationToken)
    {
        await using var work = await unitOfWork.BeginAsync(cancellationToken);
        await membership.LockAsync(cancellationToken);
        var roll = await membership.LoadFoundedAsync(cancellationToken);
        var now = time.StoredNow();
        var proposal = Proposal.Open(Guid.CreateVersion7(now), proposerId, change, roll, now);
        roll.EnsureApplicable(change);

        membership.Add(proposal);
        await audit.AppendAsync(AuditRecord.ProposalOpened(proposerId, proposal), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return proposal;
    }
}
