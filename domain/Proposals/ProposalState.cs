namespace Governance.Domain.Proposals;

/// <summary>
/// Open until decided. Accepted/Rejected by ballots at the quorum rule, Withdrawn by its proposer,
/// Dropped when another accepted proposal changed the membership or the rule it was voted under.
/// </summary>
public enum ProposalState
{
    Open,
    Accepted,
    Rejected,
    Withdrawn,
    Dropped,
}
