using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.Api.Endpoints;

/// <summary>
/// Attested key release. A clean room VM takes a nonce, binds it and its wrapping key into fresh evidence,
/// and receives its contract's secrets encrypted to that key, or a 403 naming every rule it failed.
/// The VM has no member identity: its evidence is its credential.
/// </summary>
public static class ReleaseEndpoints
{
    /// <summary>Maps /release and turns on the rate limiter those endpoints name.</summary>
    public static WebApplication MapReleaseApi(this WebApplication app)
    {
        app.UseRateLimiter();
        var group = app.MapGroup("/release").WithTags("Release").RequireRateLimiting(ReleaseSetup.RateLimitPolicy);
        group.MapPost("/challenges", IssueChallengeAsync).WithName("IssueReleaseChallenge").AllowAnonymous();
        var maxBytes = app.Services.GetRequiredService<IOptions<ReleaseOptions>>().Value.MaxRequestBytes;
        group.MapPost("/", ReleaseAsync).WithName("ReleaseSecrets").AllowAnonymous()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(maxBytes))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        // The released clean room's channel: anonymous like /release (the wrapping key is the credential), rate-limited alike.
        var channel = app.MapGroup("/contracts").WithTags("Release").RequireRateLimiting(ReleaseSetup.RateLimitPolicy);
        channel.MapPost("/{id:guid}/consent-check", ConsentCheckAsync).WithName("CheckConsentFromCleanRoom").AllowAnonymous()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(CleanRoomRequestBytes))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        channel.MapPost("/{id:guid}/events", ReportEventAsync).WithName("ReportCleanRoomEvent").AllowAnonymous()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(CleanRoomRequestBytes))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    /// <summary>The largest channel request: a proof of <see cref="CleanRoomProof.MaxLength"/> characters in its JSON.</summary>
    private const long CleanRoomRequestBytes = CleanRoomProof.MaxLength + 1024;

    /// <summary>
    /// For a released clean room: the contract's consent switches and state now, signed (ES256) by the service receipt key
    /// as a `governance-consent-statement-v1` JWS the clean room acts on (stop when `execution` is false).
    /// </summary>
    /// <remarks>
    /// `proof`: a compact JWS by the wrapping key a granted release of this contract bound (header `alg` PS256 for RSA,
    /// ES384 for P-384, `kid` its RFC 7638 thumbprint, `typ` `governance-cleanroom-v1`) over
    /// `{"contractId","nonce","purpose":"consent-check"}`, with a fresh nonce of `POST /release/challenges`.
    /// 403 with `failures` when the key was never bound by a release of this contract, the proof does not verify, the nonce
    /// is not fresh, or the contract is revoked, superseded or expired.
    /// </remarks>
    private static async Task<Ok<ConsentCheckResponse>> ConsentCheckAsync(
        Guid id, CleanRoomRequest request, CleanRoomChannel channel, CancellationToken cancellationToken) =>
        TypedResults.Ok(await channel.CheckConsentAsync(id, request, cancellationToken));

    /// <summary>For a released clean room: one event, timestamped by the service and appended to the audit log as `cleanroom.event`.</summary>
    /// <remarks>
    /// `proof`: as for consent-check, over `{"contractId","nonce","purpose":"event","event":{"type","attributes"}}`: `type`
    /// 1–64 of a–z, 0–9, '.', '_', '-' starting with a letter; `attributes` at most 64 flat members (names 1–64 letters, digits,
    /// '.', '_', '-'; values strings, numbers, booleans or null); the event at most 16 KiB of JSON (413 beyond).
    /// </remarks>
    private static async Task<Ok<CleanRoomEventReceipt>> ReportEventAsync(
        Guid id, CleanRoomRequest request, CleanRoomChannel channel, CancellationToken cancellationToken) =>
        TypedResults.Ok(await channel.ReportEventAsync(id, request, cancellationToken));

    /// <summary>
    /// Releases the contract's secrets and dataset keys, each as a compact JWE to the wrapping key, with a
    /// signed receipt, when the evidence is genuine, fresh (binds the nonce and the wrapping key), satisfies
    /// the contract's attestation policy and clean room profile, and the contract is in force. Otherwise 403
    /// with every failed rule in <c>failures</c>.
    /// </summary>
    private static async Task<Ok<ReleaseResponse>> ReleaseAsync(ReleaseRequest request, ReleaseHandler release, CancellationToken cancellationToken) =>
        TypedResults.Ok(await release.HandleAsync(request, cancellationToken));

    /// <summary>A fresh single-use nonce (32 random bytes, base64url) to bind into the next release request's evidence.</summary>
    private static async Task<Ok<ReleaseChallenge>> IssueChallengeAsync(
        ReleaseChallengeStore challenges, IOptions<ReleaseOptions> options, CancellationToken cancellationToken)
    {
        var row = await challenges.IssueAsync(options.Value.ChallengeLifetime, cancellationToken);
        return TypedResults.Ok(new ReleaseChallenge(Base64Url.EncodeToString(row.Nonce), row.ExpiresAt));
    }
}
