using Governance.GuestEvidence;
using Governance.Api.Application.Service;
using Governance.Api.Hosting;
using Governance.Protocol.Service;
using Microsoft.AspNetCore.Http.HttpResults;

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
        return app;
    }

    /// <summary>
    /// Confidential mode: fresh SEV-SNP evidence of this service. Its REPORT_DATA is
    /// SHA-512("governance-service-v1" ‖ 0x00 ‖ RFC 8785 JSON of {buildVersion, consortium, keys, nonce}), so the report
    /// binds the identity, signing and transit keys served beside it and your nonce. Check it with
    /// <c>governance service verify</c>. 404 outside confidential mode.
    /// </summary>
    /// <param name="nonce" example="8f2c6f3c0a9e4b7d91d2e5a8c4b3f6a18f2c6f3c0a9e4b7d91d2e5a8c4b3f6a1">16 to 64 random bytes in hex, fresh for each call.</param>
    /// <response code="200">The evidence and the statement it binds.</response>
    /// <response code="503">The platform did not produce a report; try again after Retry-After.</response>
    internal static async Task<Results<Ok<ServiceAttestation>, ProblemHttpResult>> GetAttestationAsync(
        HttpContext context, AttestService attest, CancellationToken cancellationToken, string? nonce = null)
    {
        try
        {
            return TypedResults.Ok(await attest.HandleAsync(nonce, cancellationToken));
        }
        catch (EvidenceUnavailableException)
        {
            context.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable",
                detail: "The platform did not produce a report; try again.");
        }
    }
}
