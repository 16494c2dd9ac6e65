using Governance.GuestEvidence;

namespace Governance.Api.Endpoints;

/// <summary>The service's account of itself, for anyone deciding whether to trust it.</summary>
public static class ServiceEndpoints
{
    public static IEndpointRouteBuilder MapServiceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/service").WithTags("Service").RequireRateLimiting(ReleaseSetup.RateLimitPolicy);
        group.MapGet("/attestation", GetAttestationAsync).WithName("GetServiceAttestation").AllowAnonymous()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/status", GetStatusAsync).WithName("GetServiceStatus").AllowAnonymous();
        var recovery = app.MapGroup("/service/recovery").WithTags("Service").RequireAuthorization();
        recovery.MapGet("/share", GetOwnShareAsync).WithName("GetOwnRecoveryShare")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        recovery.MapPost("/shares", SubmitShareAsync).WithName("SubmitRecoveryShare")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    /// <summary>
    /// Whether this instance holds the consortium's key-encryption key: in confidential mode, how it came (made here,
    /// its own seal, a replica, recovery) or why not (awaiting a replica or the share holders, or refused naming why),
    /// its build, the approved builds, and the recovery shares with how many this instance has received.
    /// </summary>
    /// <response code="200">The status.</response>
    internal static async Task<Ok<ServiceStatus>> GetStatusAsync(CustodyQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.StatusAsync(cancellationToken));

    /// <summary>
    /// The signed-in member's recovery share of the key-encryption key: a compact JWE to its recovery key. Only the
    /// holder's recovery key opens it; <c>governance recovery submit</c> opens it and sends it on to an instance awaiting recovery.
    /// </summary>
    /// <response code="200">The share.</response>
    /// <response code="404">The member holds no share.</response>
    internal static async Task<Ok<RecoveryShareResponse>> GetOwnShareAsync([AsParameters] MemberCaller caller, CustodyQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.OwnShareAsync(caller.MemberId, cancellationToken));

    /// <summary>
    /// A share holder submits its recovery share to this instance (one awaiting its key), encrypted to the transit key its
    /// attestation binds. When the threshold is reached the key is recovered, checked and taken; each submission is audited.
    /// </summary>
    /// <response code="200">How far the recovery has come.</response>
    /// <response code="400">The body is not a JWE to this instance's transit key holding a share.</response>
    /// <response code="403">The caller holds no share of the current key.</response>
    /// <response code="404">The service does not run in confidential mode.</response>
    /// <response code="409">This instance holds the key already, or is still starting.</response>
    /// <response code="422">The shares submitted do not give the key; they were discarded.</response>
    internal static async Task<Ok<RecoverySubmissionResponse>> SubmitShareAsync(
        SubmitRecoveryShareRequest request, [AsParameters] MemberCaller caller, SubmitRecoveryShare submit, CancellationToken cancellationToken)
    {
        if (request.Share is not { Length: > 0 and <= MaxShareChars })
        {
            throw DomainException.BadParameter("share", $"share is a compact JWE of at most {MaxShareChars} characters.");
        }

        var progress = await submit.HandleAsync(caller.MemberId, request.Share, cancellationToken);
        return TypedResults.Ok(new RecoverySubmissionResponse(progress.Received, progress.Threshold, progress.Recovered));
    }

    /// <summary>A share is at most 65 bytes; its JWE (P-384 ephemeral key in the header) is well under this.</summary>
    private const int MaxShareChars = 4096;

    /// <summary>
    /// Confidential mode: fresh SEV-SNP evidence of this service. Its REPORT_DATA is
    /// SHA-512("governance-service-v1" ‖ 0x00 ‖ RFC 8785 JSON of {buildVersion, consortium, keys, nonce}), so the report
    /// binds the identity, signing and transit keys served beside it and your nonce. Check it with
    /// <c>governance service verify</c>. 404 outside confidential mode.
    /// </summary>
    /// <param name="nonce" example="8f2c6f3c0a9e4b7d91d2e5a8c4b3f6a18f2c6f3c0a9e4b7d91d2e5a8c4b3f6a1">16 to 64 random bytes in hex, fresh for each call.</param>
    /// <response code="200">The evidence and the statement it binds.</response>
    /// <response code="503">The platform did not produce a report; try again after Retry-After.</response>
    internal static async Task<Ok<ServiceAttestation>> GetAttestationAsync(
        AttestService attest, CancellationToken cancellationToken, string? nonce = null) =>
        TypedResults.Ok(await attest.HandleAsync(nonce, cancellationToken));
}
