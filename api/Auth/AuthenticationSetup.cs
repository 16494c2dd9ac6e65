using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Governance.Api.Auth;

public static class AuthenticationSetup
{
    public static WebApplicationBuilder AddGovernanceAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Authenticated, policy => policy.RequireClaim(ClaimsPrincipalExtensions.MemberIdClaim))
            .AddPolicy(Policies.Member, policy => policy.RequireClaim(ClaimsPrincipalExtensions.MemberIdClaim).RequireRole(Roles.Member))
            .AddPolicy(Policies.Auditor, policy => policy.RequireClaim(ClaimsPrincipalExtensions.MemberIdClaim).RequireRole(Roles.Auditor))
            .AddPolicy(Policies.Operator, policy => policy.RequireClaim(ClaimsPrincipalExtensions.MemberIdClaim).RequireRole(Roles.Operator));
        return builder;
    }
}
