namespace Governance.Domain.Members;

public enum MemberStatus
{
    Active,
    Removed,
}
