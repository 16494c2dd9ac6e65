namespace Governance.Domain.Proposals;

/// <summary>What enacting an accepted proposal did to the consortium.</summary>
/// <param name="Accepted">The proposal enacted.</param>
/// <param name="Added">The member it created (an added member).</param>
/// <param name="Changed">The member it removed or whose roles it changed, as it is now.</param>
/// <param name="Quorum">The new quorum rule (a quorum change).</param>
/// <param name="Dropped">The other open proposals it closed, since each was voted under what just changed.</param>
public sealed record Enactment(Proposal Accepted, Member? Added, Member? Changed, QuorumRule? Quorum, IReadOnlyList<Proposal> Dropped)
{
    /// <summary>The custody rules as they are now, when the proposal changed them (service measurements, recovery policy).</summary>
    public ServiceCustodyRules? Custody { get; init; }

    /// <summary>Whether <see cref="Changed"/> was removed from the consortium (rather than given other roles).</summary>
    public bool Removed => Accepted.Kind == ProposalKind.RemoveMember;

    /// <summary>
    /// Why the contracts of <see cref="Changed"/> end, or null when they stay: losing the member role takes away the
    /// power to revoke, so it ends the member's contracts as removal does.
    /// </summary>
    public string? ContractsEndBecause => Changed switch
    {
        null or { IsVoter: true } => null,
        { IsActive: true } member => $"member '{member.Id}' no longer holds the member role",
        var member => $"member '{member.Id}' was removed from the consortium",
    };
}
