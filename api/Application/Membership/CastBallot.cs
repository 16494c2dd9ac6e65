namespace Governance.Api.Application.Membership;

/// <summary>
/// A voting member casts its ballot. When the ballot decides the proposal it is closed, and an accepted one is enacted
/// in the same transaction: the change is applied, every other open proposal is dropped, and a member who loses the
/// member role (or is removed) sees its contracts end; a change of the service's custody rules is sealed, and a new
/// recovery policy gets its shares. The same ballot again changes nothing and records nothing.
/// </summary>
internal sealed class CastBallot(
    MembershipChanges changes,
    IMembershipRepository membership,
    IDepartingMemberContracts departing,
    IContractRepository contracts,
    Custody.RecordCustodyRules custodyRules,
    IAuditLog audit)
{
    public Task<Proposal> HandleAsync(Guid proposalId, string memberId, Vote vote, CancellationToken cancellationToken) =>
        changes.ChangeAsync((now, ct) => CastAsync(proposalId, memberId, vote, now, ct), cancellationToken);

    private async Task<Proposal> CastAsync(Guid proposalId, string memberId, Vote vote, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var proposal = await changes.LoadProposalAsync(proposalId, cancellationToken);
        var roll = await changes.LoadFoundedAsync(cancellationToken);
        if (!proposal.Cast(memberId, vote, roll, now))
        {
            return proposal;
        }

        var voter = AuditActor.Member(memberId);
        membership.Save(proposal);
        await audit.AppendAsync(AuditRecord.BallotCast(voter, proposal, vote), cancellationToken);
        if (!proposal.IsOpen)
        {
            await audit.AppendAsync(AuditRecord.ProposalClosed(voter, proposal), cancellationToken);
        }

        if (proposal.State == ProposalState.Accepted)
        {
            var open = await membership.LoadOpenProposalsAsync(proposal.Id, cancellationToken);
            await RecordAsync(roll.Enact(proposal, open, now), roll, voter, now, cancellationToken);
        }

        return proposal;
    }

    private async Task RecordAsync(Enactment enactment, Domain.Proposals.Membership roll, AuditActor voter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var proposalId = enactment.Accepted.Id;
        membership.Save(roll, now);
        if (enactment.Added is { } added)
        {
            await audit.AppendAsync(AuditRecord.MemberAdded(voter, proposalId, added), cancellationToken);
        }

        if (enactment.Changed is { } changed)
        {
            var ended = enactment.ContractsEndBecause is { } why ? await EndContractsAsync(changed.Id, why, now, cancellationToken) : null;
            await audit.AppendAsync(AuditRecord.MemberStandingChanged(voter, proposalId, changed, enactment.Removed, ended), cancellationToken);
        }

        if (enactment.Quorum is { } quorum)
        {
            await audit.AppendAsync(AuditRecord.QuorumChanged(voter, proposalId, quorum), cancellationToken);
        }

        await custodyRules.RecordAsync(enactment, roll, voter, cancellationToken);
        foreach (var dropped in enactment.Dropped)
        {
            membership.Save(dropped);
            await audit.AppendAsync(AuditRecord.ProposalClosed(voter, dropped), cancellationToken);
        }
    }

    /// <returns>The contracts that ended, each with its transition recorded.</returns>
    private async Task<IReadOnlyList<Guid>> EndContractsAsync(string memberId, string why, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ended = new List<Guid>();
        foreach (var contract in await departing.LockLiveContractsOfAsync(memberId, cancellationToken))
        {
            if (contract.EndBecausePartyLostStanding(memberId, why, now))
            {
                await contracts.RecordTransitionsAsync(contract, cancellationToken);
                ended.Add(contract.Id);
            }
        }

        return ended;
    }
}
