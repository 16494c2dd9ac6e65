namespace Governance.Api.Application.Contracts;

/// <summary>Who asks, as the contract use cases need it: the member, whether it reads as an auditor, and how it signed in.</summary>
internal sealed record ContractCaller(string MemberId, bool IsAuditor, bool SignedInExternally)
{
    public static ContractCaller From(ClaimsPrincipal user) =>
        new(user.MemberId(), user.IsInRole(Roles.Auditor), user.IsExternallySignedIn());

    /// <summary>The one visibility rule for contracts: parties see theirs, auditors see all, anyone else nothing (404).</summary>
    public bool CanSee(Domain.Contracts.Contract contract) => IsAuditor || contract.IsParty(MemberId);
}
