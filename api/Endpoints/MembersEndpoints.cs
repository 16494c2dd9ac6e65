namespace Governance.Api.Endpoints;

public static class MembersEndpoints
{
    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/members").WithTags("Members").RequireAuthorization(Policies.Authenticated)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        members.MapGet("/", ListMembers).WithName("ListMembers");
        members.MapGet("/me", GetMe).WithName("GetMe");
        members.MapGet("/{id}", GetMember).WithName("GetMember").ProducesProblem(StatusCodes.Status404NotFound);
        members.MapPost("/me/keys", AddKey).WithName("AddOwnKey")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        members.MapDelete("/me/keys/{keyId}", RemoveKey).WithName("RemoveOwnKey")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        members.MapPut("/me/recovery-key", SetRecoveryKey).WithName("SetOwnRecoveryKey")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        app.MapGet("/settings", GetSettings).WithTags("Operations").WithName("GetSettings")
            .RequireAuthorization(Policies.Operator)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    /// <summary>Lists every member, removed ones included.</summary>
    /// <remarks>Any signed-in member may read the roll.</remarks>
    /// <response code="200">The members, ordered by id.</response>
    internal static async Task<Ok<IReadOnlyList<MemberResponse>>> ListMembers(IMemberDirectory directory, CancellationToken cancellationToken)
    {
        var all = await directory.ListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<MemberResponse>>([.. all.Select(m => m.ToResponse())]);
    }

    /// <summary>Gets one member with their keys.</summary>
    /// <param name="id" example="alice">The member id.</param>
    /// <response code="200">The member.</response>
    /// <response code="404">No such member.</response>
    internal static async Task<Ok<MemberResponse>> GetMember(string id, IMemberDirectory directory, CancellationToken cancellationToken)
    {
        var member = await directory.FindAsync(id, cancellationToken) ?? throw DomainException.NotFound("member", id);
        return TypedResults.Ok(member.ToResponse());
    }

    /// <summary>Gets the signed-in member: who the token signs in as, and until when (expiresAt).</summary>
    /// <response code="200">The caller's member record and the token's expiry.</response>
    internal static async Task<Ok<MemberResponse>> GetMe(HttpContext context, IMemberDirectory directory, CancellationToken cancellationToken)
    {
        var id = context.User.MemberId();
        var member = await directory.FindAsync(id, cancellationToken) ?? throw DomainException.NotFound("member", id);
        var expiresAt = context.Features.Get<Microsoft.AspNetCore.Authentication.IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.ExpiresUtc;
        return TypedResults.Ok(member.ToResponse() with { ExpiresAt = expiresAt });
    }

    /// <summary>Registers another public key for the signed-in member.</summary>
    /// <remarks>
    /// The key is an ECDSA P-256 or P-384 public key, as a JWK object or a PEM string. Its id is its RFC 7638
    /// thumbprint; tokens signed with it are accepted from now on. A key registered to anyone else, or
    /// removed before, is refused (409).
    /// </remarks>
    /// <response code="201">The key was added.</response>
    /// <response code="409">The key is already registered, or was removed before.</response>
    /// <response code="422">The key is not an ECDSA P-256/P-384 public key.</response>
    internal static async Task<Created<MemberKeyResponse>> AddKey(AddMemberKeyRequest request, [AsParameters] MemberCaller caller,
        AddOwnKey add, CancellationToken cancellationToken)
    {
        var key = MemberMapping.ToPublicKey(request.Key);
        var added = await add.HandleAsync(caller.MemberId, key, cancellationToken);
        return TypedResults.Created($"/members/me/keys/{added.KeyId}", added.ToResponse());
    }

    /// <summary>Removes one of the signed-in member's keys; tokens signed with it stop working at once.</summary>
    /// <param name="keyId" example="3pGkaG8D4q3mW0Qn3v6P2xgk9Qq6m8ZbZ2qJ2l7K8sE">The key id (RFC 7638 thumbprint).</param>
    /// <response code="200">The key, now with its time of removal.</response>
    /// <response code="404">The member has no such active key.</response>
    /// <response code="409">It is the member's last active key.</response>
    internal static async Task<Ok<MemberKeyResponse>> RemoveKey(string keyId, [AsParameters] MemberCaller caller,
        RemoveOwnKey remove, CancellationToken cancellationToken)
    {
        var removed = await remove.HandleAsync(caller.MemberId, keyId, cancellationToken);
        return TypedResults.Ok(removed.ToResponse());
    }

    /// <summary>
    /// Registers (or replaces) the signed-in member's recovery key: the P-384 public key its recovery share of the
    /// service's key-encryption key is encrypted to. Keep its private half offline; it is never a sign-in key. A holder
    /// under the current recovery policy gets a new share at once.
    /// </summary>
    /// <response code="200">The recovery key as registered.</response>
    /// <response code="409">The key is a sign-in key, or the service cannot make the new share now.</response>
    /// <response code="422">The key is not a P-384 public key.</response>
    internal static async Task<Ok<MemberKeyResponse>> SetRecoveryKey(AddMemberKeyRequest request, [AsParameters] MemberCaller caller,
        SetRecoveryKey set, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await set.HandleAsync(caller.MemberId, MemberMapping.ToPublicKey(request.Key), cancellationToken);
        return TypedResults.Ok(MemberKey.From(key, time.GetUtcNow()).ToResponse());
    }

    /// <summary>The service's non-secret settings (operators only).</summary>
    /// <response code="200">Settings.</response>
    /// <response code="403">The caller is not an operator.</response>
    internal static async Task<Ok<SettingsResponse>> GetSettings(IConsortiumRules rules, IMemberDirectory directory,
        IOptions<SignInOptions> signIn, CancellationToken cancellationToken)
    {
        var settings = await rules.GetAsync(cancellationToken);
        var members = await directory.ListAsync(cancellationToken);
        return TypedResults.Ok(new SettingsResponse
        {
            ConsortiumName = settings?.Name,
            MembershipQuorum = settings is null ? null : Domain.Proposals.QuorumRules.ToWire(settings.Rules.MembershipQuorum),
            AllowUnsignedApprovalsForExternalIdentities = settings?.Rules.AllowUnsignedApprovalsForExternalIdentities ?? false,
            TokenAudience = signIn.Value.Audience,
            MaxTokenLifetimeSeconds = (int)signIn.Value.MaxTokenLifetime.TotalSeconds,
            ClockSkewSeconds = (int)signIn.Value.ClockSkew.TotalSeconds,
            ExternalOidcAuthority = signIn.Value.Oidc?.Authority ?? signIn.Value.Oidc?.Issuer,
            ActiveMembers = members.Count(m => m.IsActive),
        });
    }
}
