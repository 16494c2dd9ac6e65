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

        var claimed = Domain.Members.MemberId.IsValid(unverified.Issuer) ? unverified.Issuer : null;
        var member = claimed is not null
            ? await members.FindAsync(claimed, Context.RequestAborted)
            : null;
        if (member is not { IsActive: true })
        {
            return Fail(claimed, "The token's issuer is not an active member.");
        }

        var active = member.ActiveKeys.ToList();
        if (HeaderProblem(unverified, active) is { } headerProblem)
        {
            return Fail(claimed, headerProblem);
        }

        var kidLess = !unverified.TryGetHeaderValue<string>("kid", out var kid);
        var keys = CandidateKeys(active, kid).Select(k => new JsonWebKey(k.PublicJwk) { KeyId = k.KeyId }).ToList();

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
            var reason = SignInFailure.Describe(result.Exception, settings.Audience);
            return Fail(claimed, kidLess && active.Count > keys.Count
                ? $"{reason} A token without kid is checked against the member's first {keys.Count} keys only; name the signing key in kid."
                : reason);
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (!jwt.TryGetPayloadValue<string>("sub", out var subject) || subject != member.Id)
        {
            return Fail(claimed, "A member token's sub must equal its iss (the member id).");
        }

        if (result.SecurityToken.SigningKey is JsonWebKey { Crv: var curve } && AlgorithmOf(curve) != jwt.Alg)
        {
            return Fail(claimed, "The token's algorithm does not match the key's curve (P-256 → ES256, P-384 → ES384).");
        }

        if (TokenLifetime.Check(jwt, TokenLifetime.Clock.GetUtcNow(), settings.ClockSkew, settings.MaxTokenLifetime) is { } lifetimeProblem)
        {
            return Fail(claimed, lifetimeProblem);
        }

        var lifetime = new AuthenticationProperties { ExpiresUtc = jwt.ValidTo == DateTime.MinValue ? null : new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) };
        return AuthenticateResult.Success(new AuthenticationTicket(MemberPrincipal.Create(member, SchemeName), lifetime, SchemeName));
    }

    /// <summary>
    /// The keys a token's signature is checked against: the one its kid names, or without a kid the member's first
    /// <see cref="Domain.Members.Member.MaxActiveKeys"/> (oldest first). Each check is an ECDSA verification, so an
    /// anonymous token claiming a member must not cost one per key of a member who holds more keys than that (keys
    /// registered before the bound existed).
    /// </summary>
    private static IEnumerable<Domain.Members.MemberKey> CandidateKeys(List<Domain.Members.MemberKey> active, string? kid) => kid is null
        ? active.OrderBy(k => k.AddedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal).Take(Domain.Members.Member.MaxActiveKeys)
        : active.Where(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal));

    /// <summary>
    /// Header members the validator would otherwise overlook: a kid naming none of the member's keys (with
    /// TryAllIssuerSigningKeys it would still be tried against every key, so a token could claim one key and be
    /// signed by another), and crit, which RFC 7515 §4.1.11 requires a recipient to refuse when it does not
    /// implement every extension listed; this service implements none.
    /// </summary>
    private static string? HeaderProblem(JsonWebToken token, List<Domain.Members.MemberKey> keys)
    {
        using var header = System.Text.Json.JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token.EncodedHeader));
        if (header.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return "The bearer token is not a well-formed JWT.";
        }

        if (header.RootElement.TryGetProperty("crit", out _))
        {
            return "The token's header lists critical extensions (crit); this service implements none, so it refuses the token.";
        }

        if (header.RootElement.TryGetProperty("kid", out var kid)
            && (kid.ValueKind != System.Text.Json.JsonValueKind.String || !keys.Exists(k => string.Equals(k.KeyId, kid.GetString(), StringComparison.Ordinal))))
        {
            return "The token's kid names none of the member's active keys.";
        }

        return null;
    }

    private static string? AlgorithmOf(string? curve) => curve switch
    {
        "P-256" => SecurityAlgorithms.EcdsaSha256,
        "P-384" => SecurityAlgorithms.EcdsaSha384,
        _ => null,
    };

    private AuthenticateResult Fail(string reason) => Fail(null, reason);

    /// <param name="claimedMember">The issuer the token claimed, when it has a member id's form; recorded, never trusted.</param>
    private AuthenticateResult Fail(string? claimedMember, string reason)
    {
        SignInFailure.Remember(Context, reason, claimedMember);
        return AuthenticateResult.Fail(reason);
    }
}
