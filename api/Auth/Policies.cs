namespace Governance.Api.Auth;

/// <summary>Authorization policy names used by endpoints: <c>.RequireAuthorization(Policies.Member)</c>.</summary>
public static class Policies
{
    /// <summary>An active member with the member role: proposes, votes, approves, owns secrets.</summary>
    public const string Member = "member";

    /// <summary>Reads the whole audit log and every contract.</summary>
    public const string Auditor = "auditor";

    /// <summary>Reads health and settings.</summary>
    public const string Operator = "operator";

    /// <summary>Any signed-in member, whatever the role.</summary>
    public const string Authenticated = "authenticated";
}
