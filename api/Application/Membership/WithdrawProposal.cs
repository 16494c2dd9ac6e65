using Governance.Domain;
using Governance.Domain.Audit;
using Governance.Domain.Errors;
using Governance.Domain.Proposals;
using Governance.Persistence.Audit;

namespace Governance.Api.Application.Membership;

/// <summary>The proposer withdraws its open proposal.</summary>
internal sealed class WithdrawProposal(IUnitOfWork unitOfWork, IMembershipRepository membership, IAuditLog audit, TimeProvider time)
{
    public async Task<Proposal> HandleAsync(Guid proposalId, string memberId, CancellationToken cancellationToken)
    {
        await using var work = await unitOfWork.BeginAsync(cancellationToken);
        await membership.LockAsync(cancellationToken);
        var proposal = await membership.LoadProposalAsync(proposalId, cancellationToken)
            ?? throw DomainException.NotFound("proposal", proposalId.ToString());
        proposal.Withdraw(memberId, time.StoredNow());

        membership.Save(proposal);
        await audit.AppendAsync(AuditRecord.ProposalClosed(AuditActor.Member(memberId), proposal), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return proposal;
    }
}
