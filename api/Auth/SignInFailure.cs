namespace Governance.Api.Auth;

/// <summary>Why a bearer token was refused, in words safe to show the caller; kept for the 401 problem body.</summary>
internal static class SignInFailure
{
    private const string ItemKey = "governance:sign-in-failure";

    /// <summary>Keeps the reason for the 401 body and counts it for the audit log's aggregated sign-in failures.</summary>
    /// <param name="claimedMember">The member id the token claimed, unverified; only one of a member id's form.</param>
    public static void Remember(HttpContext context, string reason, string? claimedMember = null)
    {
        context.Items[ItemKey] = reason;
        context.RequestServices.GetService<Audit.ISignInFailureRecorder>()?.Record(
            reason, claimedMember, context.Connection.RemoteIpAddress?.ToString());
    }

    public static string? Recall(HttpContext context) => context.Items.TryGetValue(ItemKey, out var value) ? value as string : null;

    public static string Describe(Exception? exception, string audience) => exception switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet (nbf is in the future).",
        SecurityTokenNoExpirationException => "The token has no expiry (exp).",
        SecurityTokenInvalidAudienceException => $"The token's audience is not this service's ('{audience}').",
        SecurityTokenInvalidIssuerException => "The token's issuer is not accepted.",
        SecurityTokenInvalidAlgorithmException => "The token's algorithm is not accepted: member tokens are signed with ES256 or ES384.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            "The token's signature does not verify with any active key of the member.",
        SecurityTokenMalformedException or ArgumentException => "The bearer token is not a well-formed JWT.",
        _ => "The token is not valid.",
    };
}
