namespace Governance.Api.Auth;

public static class ClaimsPrincipalExtensions
{
    /// <summary>Claim type carrying the member id of the signed-in caller.</summary>
    public const string MemberIdClaim = "governance:member";

    /// <summary>Set when the caller signed in through an external OpenID Connect issuer rather than a member key.</summary>
    public const string ExternalIssuerClaim = "governance:external_issuer";

    public static string MemberId(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(MemberIdClaim)
        ?? throw new InvalidOperationException("The endpoint requires an authenticated member.");

    public static bool IsExternallySignedIn(this ClaimsPrincipal principal) =>
        principal.HasClaim(claim => claim.Type == ExternalIssuerClaim);
}
