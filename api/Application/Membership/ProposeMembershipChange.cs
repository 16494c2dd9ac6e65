namespace Governance.Api.Application.Membership;

/// <summary>
/// A voting member proposes a change to the membership or the quorum rule. A change that could never be applied
/// (a member id used before, a key or external identity in use, the last voter's removal) is refused before anyone votes.
/// </summary>
internal sealed class ProposeMembershipChange(MembershipChanges changes, IMembershipRepository membership, IAuditLog audit)
{
    public Task<Proposal> HandleAsync(string proposerId, ProposalChange change, CancellationToken cancellationToken) =>
        changes.ChangeAsync(async (now, ct) =>
        {
            var roll = await changes.LoadFoundedAsync(ct);
            var proposal = Proposal.Open(Guid.CreateVersion7(now), proposerId, change, roll, now);
            roll.EnsureApplicable(change);

            membership.Add(proposal);
            await audit.AppendAsync(AuditRecord.ProposalOpened(proposerId, proposal), ct);
            return proposal;
        }, cancellationToken);
}
