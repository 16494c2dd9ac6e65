using Governance.Api.Auth;
using Governance.Domain.Audit;
using Governance.Persistence.Keys;
using Governance.Protocol.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Api.Endpoints;

/// <summary>The service's own signing keys: published for anyone to verify with, rotated by operators.</summary>
public static class KeysEndpoints
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/keys").WithTags("Keys");
        group.MapGet("/", GetKeys).AllowAnonymous();
        group.MapPost("/rotate", RotateAsync).RequireAuthorization(Policies.Operator);
        return app;
    }

    /// <summary>The service's public signing keys as a JWK set (current first); kid is the RFC 7638 thumbprint named by tree heads and receipts.</summary>
    internal static async Task<Ok<ServiceJwkSet>> GetKeys(IServiceSigningKeys keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ServiceJwkSet(await keys.GetPublicKeysAsync(cancellationToken)));

    /// <summary>
    /// Operators: makes a fresh P-384 key the current signing key. Earlier keys stay published, so heads and
    /// receipts signed before keep verifying; other replicas switch within their refresh interval (30 s).
    /// Recorded in the audit log as <c>service.signing_key.rotated</c> with the new and previous key ids.
    /// </summary>
    internal static async Task<Ok<ServiceKeyRotationDto>> RotateAsync(HttpContext context, IServiceSigningKeys keys, CancellationToken cancellationToken)
    {
        var rotation = await keys.RotateAsync(AuditActor.Member(context.User.MemberId()), cancellationToken);
        var current = rotation.Current;
        return TypedResults.Ok(new ServiceKeyRotationDto(ServiceJwk.FromPublicKey(current.PrivateKey, current.CreatedAt), rotation.PreviousKeyId));
    }
}
