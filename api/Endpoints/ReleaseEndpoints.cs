using System.Buffers.Text;
using Governance.Api.Application.Release;
using Governance.Api.Hosting;
using Governance.Api.Release;
using Governance.Persistence.Release;
using Governance.Protocol.Release;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

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
        return app;
    }

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
