using Governance.Persistence.Keys;
using Governance.Protocol.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Api.Endpoints;

public static class KeysEndpoints
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/keys", GetKeys).WithTags("Keys").AllowAnonymous();
        return app;
    }

    /// <summary>The service's public signing keys as a JWK set (current first); kid is the RFC 7638 thumbprint named by tree heads and receipts.</summary>
    internal static async Task<Ok<ServiceJwkSet>> GetKeys(IServiceSigningKeys keys, CancellationToken cancellationToken)
    {
        var all = await keys.GetAllAsync(cancellationToken);
        return TypedResults.Ok(new ServiceJwkSet([.. all.Select(k => ServiceJwk.FromPublicKey(k.PrivateKey, k.CreatedAt))]));
    }
}
