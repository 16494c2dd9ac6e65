namespace Governance.Api.Auth;

/// <summary>Role names as they appear in tokens' role claims and in member records.</summary>
public static class Roles
{
    public const string Member = "member";
    public const string Auditor = "auditor";

    /// <summary>Runs the service: reads health and settings, never approves, adds members or reads secrets.</summary>
    public const string Operator = "operator";
}
