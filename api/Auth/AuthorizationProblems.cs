using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;

namespace Governance.Api.Auth;

/// <summary>Answers refused requests with problem details: 401 says why the token failed, 403 which role is needed.</summary>
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
        await Write(context, StatusCodes.Status403Forbidden, "Forbidden",
            roles.Count > 0 ? $"This requires the role {string.Join(" or ", roles)}." : "You may not do this.");
    }

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
