using Microsoft.AspNetCore.Mvc;

namespace Governance.Api.Auth;

/// <summary>
/// Answers refused requests with problem details: 401 says why the token failed, 403 which role is needed. A 403 is
/// audited (who, which operation, which roles it needs); failed sign-ins are audited in aggregate elsewhere.
/// </summary>
internal sealed class AuthorizationProblems(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await fallback.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var signedIn = context.User.Identity?.IsAuthenticated == true;
        if (authorizeResult.Challenged || !signedIn)
        {
            var reason = SignInFailure.Recall(context);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = reason is null ? "Bearer" : "Bearer error=\"invalid_token\"";
            await Write(context, StatusCodes.Status401Unauthorized, "Unauthorized",
                reason ?? "Sign in with a bearer token: a member-signed JWT (`governance token`) or a token of the configured OpenID Connect issuer.");
            return;
        }

        var roles = policy.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>()
            .SelectMany(r => r.AllowedRoles).ToList();
        if (context.User.FindFirst(ClaimsPrincipalExtensions.MemberIdClaim)?.Value is { } memberId)
        {
            await context.RequestServices.GetRequiredService<Audit.RefusalAudit>().RecordAsync(
                AuditRecord.RoleRefused(memberId, OperationOf(context), roles), context.RequestAborted);
        }

        await Write(context, StatusCodes.Status403Forbidden, "Forbidden",
            roles.Count > 0 ? $"This requires the role {string.Join(" or ", roles)}." : "You may not do this.");
    }

    /// <summary>The method and route template: the operation as the service defines it, not the path as sent.</summary>
    private static string OperationOf(HttpContext context) =>
        $"{context.Request.Method} {Template(context)}";

    // A group's template and an empty route make "/contracts/"; the operation is documented as "/contracts".
    private static string Template(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } template
            ? (template.Length > 1 ? template.TrimEnd('/') : template)
            : "(unrouted)";

    private async Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
