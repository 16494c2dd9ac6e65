namespace Governance.Api.Endpoints;

/// <summary>The service's own signing keys: published for anyone to verify with, rotated by operators.</summary>
public static class KeysEndpoints
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/keys").WithTags("Keys");
        group.MapGet("/", GetKeys).WithName("GetServiceKeys").AllowAnonymous();
        group.MapPost("/rotate", RotateAsync).WithName("RotateServiceKeys").RequireAuthorization(Policies.Operator);
        return app;
    }

    /// <summary>The service's public signing keys as a JWK set (current first); kid is the RFC 7638 thumbprint named by tree heads and receipts.</summary>
    internal static async Task<Ok<ServiceJwkSet>> GetKeys(IServiceSigningKeys keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ServiceJwkSet(await keys.GetPublicKeysAsync(cancellationToken)));

    /// <summary>
    /// Operators: makes fresh keys current, one per purpose (tree heads P-384, receipts P-256). Earlier keys stay
    /// published, so heads and receipts signed before keep verifying; other replicas switch within their refresh
    /// interval (30 s). Each new key is recorded in the audit log as <c>service.signing_key.rotated</c> with its
    /// purpose and the new and previous key ids, in the same transaction as the keys.
    /// </summary>
    internal static async Task<Ok<ServiceKeyRotationDto>> RotateAsync(HttpContext context, IServiceSigningKeys keys, CancellationToken cancellationToken)
    {
        var rotations = await keys.RotateAllAsync(AuditActor.Member(context.User.MemberId()), cancellationToken);
        return TypedResults.Ok(new ServiceKeyRotationDto([.. rotations.Select(r => new RotatedServiceKeyDto(
            r.PurposeName, ServiceJwk.FromPublicKey(r.Current.PrivateKey, r.Current.CreatedAt), r.PreviousKeyId))]));
    }
}
