namespace Governance.Domain.Proposals;

public enum ProposalKind
{
    AddMember,
    RemoveMember,
    ChangeRoles,
    ChangeQuorum,
    SetServiceMeasurements,
    SetRecoveryPolicy,
}
