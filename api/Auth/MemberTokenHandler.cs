using System.Text.Encodings.Web;
using Governance.Persistence.Members;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Governance.Api.Auth;

/// <summary>
/// Signs in a member by a token they signed with one of their registered keys: iss = sub = member id.
/// The member's active keys are read from PostgreSQL on every request, so a removed key or member stops
/// working at once. Validation is Microsoft.IdentityModel's; this class only chooses the keys and adds
/// the checks JWT libraries leave to the application (sub = iss, bounded lifetime, algorithm by curve).
/// </summary>
internal sealed class MemberTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<SignInOptions> signIn,
    IMemberDirectory members)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "MemberToken";

    private static readonly JsonWebTokenHandler Tokens = new() { MapInboundClaims = false };

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken.From(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var settings = signIn.Value;
        JsonWebToken unverified;
        try
        {
            unverified = Tokens.ReadJsonWebToken(token);
        }
        catch (Exception exception) when (exception is ArgumentException or SecurityTokenMalformedException)
        {
            return Fail("The bearer token is not a well-formed JWT.");
        }

        var member = Domain.Members.MemberId.IsValid(unverified.Issuer)
            ? await members.FindAsync(unverified.Issuer, Context.RequestAborted)
            : null;
        if (member is not { IsActive: true })
        {
            return Fail("The token's issuer is not an active member.");
        }

        var keys = member.ActiveKeys.Select(k => new JsonWebKey(k.PublicJwk) { KeyId = k.KeyId }).ToList();
        var result = await Tokens.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = member.Id,
            ValidAudience = settings.Audience,
            IssuerSigningKeys = keys,
            TryAllIssuerSigningKeys = true,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = settings.ClockSkew,
        });
        if (!result.IsValid)
        {
            return Fail(SignInFailure.Describe(result.Exception, settings.Audience));
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (!jwt.TryGetPayloadValue<string>("sub", out var subject) || subject != member.Id)
        {
            return Fail("A member token's sub must equal its iss (the member id).");
        }

        if (result.SecurityToken.SigningKey is JsonWebKey { Crv: var curve } && AlgorithmOf(curve) != jwt.Alg)
        {
            return Fail("The token's algorithm does not match the key's curve (P-256 → ES256, P-384 → ES384).");
        }

        if (TokenLifetime.Check(jwt, TokenLifetime.Clock.GetUtcNow(), settings.ClockSkew, settings.MaxTokenLifetime) is { } lifetimeProblem)
        {
            return Fail(lifetimeProblem);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(MemberPrincipal.Create(member, SchemeName), SchemeName));
    }

    private static string? AlgorithmOf(string? curve) => curve switch
    {
        "P-256" => SecurityAlgorithms.EcdsaSha256,
        "P-384" => SecurityAlgorithms.EcdsaSha384,
        _ => null,
    };

    private AuthenticateResult Fail(string reason)
    {
        SignInFailure.Remember(Context, reason);
        return AuthenticateResult.Fail(reason);
    }
}
