namespace Governance.Api.Auth;

public static class AuthenticationSetup
{
    /// <summary>The default scheme: forwards to member tokens, or to the external issuer for tokens it issued.</summary>
    public const string BearerScheme = "Bearer";

    /// <summary>The external OpenID Connect issuer's scheme (JwtBearer), registered when configured.</summary>
    public const string OidcScheme = "Oidc";

    public static WebApplicationBuilder AddGovernanceAuthentication(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SignInOptions.Section);
        builder.Services.Configure<SignInOptions>(section);
        var settings = section.Get<SignInOptions>() ?? new SignInOptions();
        var oidc = settings.Oidc is { IsConfigured: true } ? settings.Oidc : null;

        var authentication = builder.Services.AddAuthentication(BearerScheme)
            .AddPolicyScheme(BearerScheme, "Bearer token", options =>
                options.ForwardDefaultSelector = context => oidc is not null && !LooksLikeMemberToken(context) ? OidcScheme : MemberTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, MemberTokenHandler>(MemberTokenHandler.SchemeName, null);
        if (oidc is not null)
        {
            authentication.AddJwtBearer(OidcScheme, options => ConfigureOidc(options, oidc, settings));
        }

        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationProblems>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Authenticated, policy => policy.RequireClaim(ClaimsPrincipalExtensions.MemberIdClaim))
            .AddPolicy(Policies.Member, policy => policy.RequireClaim(ClaimsPrincipalExtensions.MemberIdClaim).RequireRole(Roles.Member))
            .AddPolicy(Policies.Auditor, policy => policy.RequireClaim(ClaimsPrincipalExtensions.MemberIdClaim).RequireRole(Roles.Auditor))
            .AddPolicy(Policies.Operator, policy => policy.RequireClaim(ClaimsPrincipalExtensions.MemberIdClaim).RequireRole(Roles.Operator));
        return builder;
    }

    /// <summary>Member tokens are issued by a member id; anything else (an https issuer) is the external provider's.</summary>
    private static bool LooksLikeMemberToken(HttpContext context)
    {
        var token = BearerToken.From(context.Request);
        if (token is null)
        {
            return true;
        }

        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(token))
        {
            return true;
        }

        try
        {
            return MemberId.IsValid(handler.ReadJsonWebToken(token).Issuer);
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static void ConfigureOidc(JwtBearerOptions options, ExternalOidcOptions oidc, SignInOptions settings)
    {
        options.Authority = oidc.Authority;
        options.Audience = oidc.Audience;
        if (!string.IsNullOrWhiteSpace(oidc.MetadataAddress))
        {
            options.MetadataAddress = oidc.MetadataAddress;
        }

        options.MapInboundClaims = false;
        options.TokenValidationParameters.ValidAudience = oidc.Audience;
        options.TokenValidationParameters.ClockSkew = settings.ClockSkew;
        if (!string.IsNullOrWhiteSpace(oidc.Issuer))
        {
            options.TokenValidationParameters.ValidIssuer = oidc.Issuer;
        }

        options.Events = new JwtBearerEvents
        {
            OnAuthenticationFailed = context =>
            {
                SignInFailure.Remember(context.HttpContext, SignInFailure.Describe(context.Exception, oidc.Audience ?? ""));
                return Task.CompletedTask;
            },
            OnTokenValidated = async context =>
            {
                var now = TokenLifetime.Clock.GetUtcNow();
                var lifetimeReason = context.SecurityToken is JsonWebToken token
                    ? TokenLifetime.Check(token, now, settings.ClockSkew, oidc.MaxTokenLifetime)
                    : "The token is not a JWT.";
                if (lifetimeReason is not null)
                {
                    SignInFailure.Remember(context.HttpContext, lifetimeReason);
                    context.Fail(lifetimeReason);
                    return;
                }

                var issuer = context.Principal?.FindFirst("iss")?.Value ?? context.SecurityToken.Issuer;
                var subject = context.Principal?.FindFirst("sub")?.Value;
                var directory = context.HttpContext.RequestServices.GetRequiredService<IMemberDirectory>();
                var member = subject is null ? null : await directory.FindByExternalIdentityAsync(issuer, subject, context.HttpContext.RequestAborted);
                if (member is not { IsActive: true })
                {
                    const string reason = "The external identity (issuer, subject) is not mapped to an active member.";
                    SignInFailure.Remember(context.HttpContext, reason);
                    context.Fail(reason);
                    return;
                }

                context.Principal = MemberPrincipal.Create(member, OidcScheme, externalIssuer: issuer);
            },
        };
    }
}
