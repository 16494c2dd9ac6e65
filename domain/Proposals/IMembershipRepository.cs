namespace Governance.Domain.Proposals;

/// <summary>
/// Loads and saves the consortium: its rules, members and their keys, proposals and ballots. Reads stand alone;
/// everything else works inside the caller's unit of work, which commits it. Loads for change follow
/// <see cref="LockAsync"/>, so a change sees what the one before it committed.
/// </summary>
public interface IMembershipRepository
{
    /// <summary>
    /// Takes the membership lock until the unit of work ends: changes to members, rules, proposals and member keys
    /// (genesis included) run one at a time, because deciding a quorum needs a roll nobody changes meanwhile.
    /// </summary>
    Task LockAsync(CancellationToken cancellationToken);

    /// <summary>Whether the database holds a consortium already (its rules or any member).</summary>
    Task<bool> IsFoundedAsync(CancellationToken cancellationToken);

    /// <summary>Adds the founding rules and members to the unit of work.</summary>
    void Found(Genesis genesis, DateTimeOffset now);

    /// <summary>Every member (removed ones included) with keys and external identities, and the quorum rule, for change; null before genesis.</summary>
    Task<Membership?> LoadMembershipAsync(CancellationToken cancellationToken);

    /// <summary>Writes back what changed in a membership loaded by <see cref="LoadMembershipAsync"/>: new members, roles, status, the quorum rule.</summary>
    void Save(Membership membership, DateTimeOffset now);

    /// <summary>One member with its keys, for change; null if unknown.</summary>
    Task<Member?> LoadMemberAsync(string memberId, CancellationToken cancellationToken);

    /// <summary>Writes back the keys of a member loaded by <see cref="LoadMemberAsync"/>: added ones and times of removal.</summary>
    void SaveKeys(Member member);

    /// <summary>Where a key (by RFC 7638 thumbprint) is registered: as whose sign-in key (removed ones included) and whose recovery key.</summary>
    Task<KeyRegistration> FindKeyRegistrationAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>The proposal with its ballots, untracked; null if unknown.</summary>
    Task<Proposal?> FindProposalAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Newest first, one page.</summary>
    Task<ProposalListing> ListProposalsAsync(ProposalQuery query, CancellationToken cancellationToken);

    /// <summary>The proposal with its ballots, for change; null if unknown.</summary>
    Task<Proposal?> LoadProposalAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Every open proposal but <paramref name="except"/>, for change, oldest first.</summary>
    Task<IReadOnlyList<Proposal>> LoadOpenProposalsAsync(Guid except, CancellationToken cancellationToken);

    /// <summary>Adds a new proposal to the unit of work.</summary>
    void Add(Proposal proposal);

    /// <summary>Writes back a proposal loaded for change: its state, time of closing and new ballots.</summary>
    void Save(Proposal proposal);
}

/// <param name="State">Only proposals in this state; null for all.</param>
/// <param name="After">Where the previous page ended; null for the first page.</param>
/// <param name="Limit">Page size.</param>
public sealed record ProposalQuery(ProposalState? State, long? After, int Limit);

/// <param name="Items">The page, newest first.</param>
/// <param name="Next">Where the next page starts; null on the last page.</param>
public sealed record ProposalListing(IReadOnlyList<Proposal> Items, long? Next);
