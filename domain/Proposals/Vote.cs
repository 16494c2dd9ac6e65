namespace Governance.Domain.Proposals;

public enum Vote
{
    Approve,
    Reject,
}
