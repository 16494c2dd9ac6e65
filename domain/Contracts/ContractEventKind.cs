namespace Governance.Domain.Contracts;

public enum ContractEventKind
{
    Created,
    Edited,
    Proposed,
    Approved,
    Accepted,
    Rejected,
    Withdrawn,
    Revoked,
    Amended,
    Superseded,
}
