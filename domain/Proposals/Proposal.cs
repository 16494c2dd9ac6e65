namespace Governance.Domain.Proposals;

/// <summary>
/// A membership proposal and its ballots. Only voters (active members with the member role) propose
/// and vote; the quorum is evaluated against the voters at the time of each ballot.
/// </summary>
public sealed class Proposal
{
    private readonly List<Ballot> ballots;

    public Proposal(Guid id, string proposerId, ProposalChange change, ProposalState state,
        DateTimeOffset createdAt, DateTimeOffset? closedAt, IEnumerable<Ballot> ballots)
    {
        Id = id;
        ProposerId = proposerId;
        Change = change;
        State = state;
        CreatedAt = createdAt;
        ClosedAt = closedAt;
        this.ballots = [.. ballots];
    }

    public Guid Id { get; }

    public string ProposerId { get; }

    public ProposalChange Change { get; }

    public ProposalKind Kind => Change.Kind;

    public ProposalState State { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public IReadOnlyList<Ballot> Ballots => ballots;

    public bool IsOpen => State == ProposalState.Open;

    /// <summary>Opens a proposal. The proposer does not vote implicitly: their ballot is explicit like everyone's.</summary>
    public static Proposal Open(Guid id, string proposerId, ProposalChange change, Membership membership, DateTimeOffset now)
    {
        if (!membership.IsVoter(proposerId))
        {
            throw DomainException.Forbidden("Only active members with the member role may propose membership changes.");
        }

        return new Proposal(id, proposerId, change, ProposalState.Open, now, null, []);
    }

    /// <summary>
    /// Records a ballot. The same ballot again changes nothing and returns false; a different one is a
    /// conflict. Returns true when a ballot was added (the state may then have become Accepted or Rejected).
    /// </summary>
    public bool Cast(string memberId, Vote vote, Membership membership, DateTimeOffset now)
    {
        if (!membership.IsVoter(memberId))
        {
            throw DomainException.Forbidden("Only active members with the member role may vote.");
        }

        var previous = ballots.FirstOrDefault(b => b.MemberId == memberId);
        if (previous is not null)
        {
            return previous.Vote == vote
                ? false
                : throw DomainException.Conflict($"You already voted {previous.Vote.ToString().ToLowerInvariant()} on this proposal; a ballot cannot be changed.");
        }

        EnsureOpen();
        ballots.Add(new Ballot(memberId, vote, now));
        Decide(membership, now);
        return true;
    }

    public void Withdraw(string memberId, DateTimeOffset now)
    {
        if (memberId != ProposerId)
        {
            throw DomainException.Forbidden("Only the proposer may withdraw a proposal.");
        }

        EnsureOpen();
        Close(ProposalState.Withdrawn, now);
    }

    /// <summary>Another accepted proposal changed what this one was voted under.</summary>
    public void Drop(DateTimeOffset now)
    {
        EnsureOpen();
        Close(ProposalState.Dropped, now);
    }

    /// <summary>Counts the ballots of current voters only, so a member who lost the right to vote no longer weighs in.</summary>
    private void Decide(Membership membership, DateTimeOffset now)
    {
        var counted = ballots.Where(b => membership.IsVoter(b.MemberId)).ToList();
        var state = membership.Quorum.Evaluate(
            membership.VoterCount,
            counted.Count(b => b.Vote == Vote.Approve),
            counted.Count(b => b.Vote == Vote.Reject));
        if (state != ProposalState.Open)
        {
            Close(state, now);
        }
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw DomainException.Conflict($"The proposal is {State.ToString().ToLowerInvariant()}, not open.");
        }
    }

    private void Close(ProposalState state, DateTimeOffset now)
    {
        State = state;
        ClosedAt = now;
    }
}
