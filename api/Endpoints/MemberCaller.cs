namespace Governance.Api.Endpoints;

/// <summary>What the membership endpoints take from the request besides their own parameters: the signed-in member.</summary>
internal readonly record struct MemberCaller(ClaimsPrincipal User)
{
    public string MemberId => User.MemberId();
}
