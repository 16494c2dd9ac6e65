namespace Governance.Api.Application.Membership;

/// <summary>The proposer withdraws its open proposal.</summary>
internal sealed class WithdrawProposal(MembershipChanges changes, IMembershipRepository membership, IAuditLog audit)
{
    public Task<Proposal> HandleAsync(Guid proposalId, string memberId, CancellationToken cancellationToken) =>
        changes.ChangeAsync(async (now, ct) =>
        {
            var proposal = await changes.LoadProposalAsync(proposalId, ct);
            proposal.Withdraw(memberId, now);

            membership.Save(proposal);
            await audit.AppendAsync(AuditRecord.ProposalClosed(AuditActor.Member(memberId), proposal), ct);
            return proposal;
        }, cancellationToken);
}
