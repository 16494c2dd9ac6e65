using Microsoft.AspNetCore.Mvc;

namespace Governance.Api.Endpoints;

/// <summary>
/// A party's secrets: write, list, delete. There is deliberately no endpoint that returns a value; values
/// leave the service only encrypted to an attested clean room (see /release).
/// </summary>
public static class SecretsEndpoints
{
    public static IEndpointRouteBuilder MapSecretsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/secrets").WithTags("Secrets");
        group.MapPut("/{name}", PutAsync).WithName("PutSecret").RequireAuthorization(Policies.Member)
            .WithMetadata(new RequestSizeLimitAttribute(SecretBodyReader.MaxBodyBytes))
            .Accepts<PutSecretRequest>("application/json", "application/octet-stream", SecretBodyReader.SealedMediaType);
        group.MapGet("/", ListAsync).WithName("ListSecrets").RequireAuthorization(Policies.Member);
        group.MapGet("/{name}", VersionsAsync).WithName("ListSecretVersions").RequireAuthorization(Policies.Member);
        group.MapDelete("/{name}", DeleteAsync).WithName("DeleteSecret").RequireAuthorization(Policies.Member);
        group.MapPost("/key-encryption-keys/rewrap", RewrapAsync).WithName("RewrapSecretKeys").RequireAuthorization(Policies.Operator);
        return app;
    }

    /// <summary>
    /// Stores a new version of one of the caller's secrets (raw bytes, or JSON with valueBase64; at most 64 KiB). In
    /// confidential mode only a compact JWE to the service's attested transit key is accepted (application/jose).
    /// </summary>
    /// <remarks>Answers 201 for a first version, 200 for a later one; the body is metadata only.</remarks>
    private static async Task<Results<Created<SecretMetadata>, Ok<SecretMetadata>>> PutAsync(
        string name, HttpRequest request, ISecretStore secrets, CancellationToken cancellationToken)
    {
        var owner = request.HttpContext.User.MemberId();
        SecretName.Validate(name);
        var value = await SecretBodyReader.ReadAsync(request, cancellationToken);
        try
        {
            var stored = await secrets.PutAsync(owner, name, value, AuditActor.Member(owner), cancellationToken);
            return stored.Version == 1
                ? TypedResults.Created($"/secrets/{Uri.EscapeDataString(name)}", stored)
                : TypedResults.Ok(stored);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(value);
        }
    }

    /// <summary>The current version of each of the caller's secrets: names, versions, sizes and dates, never values.</summary>
    private static async Task<Ok<IReadOnlyList<SecretMetadata>>> ListAsync(HttpContext context, ISecretStore secrets, CancellationToken cancellationToken) =>
        TypedResults.Ok(await secrets.ListAsync(context.User.MemberId(), cancellationToken));

    /// <summary>Every live version of one of the caller's secrets (metadata only).</summary>
    private static async Task<Ok<IReadOnlyList<SecretMetadata>>> VersionsAsync(
        string name, HttpContext context, ISecretStore secrets, CancellationToken cancellationToken)
    {
        var versions = await secrets.ListVersionsAsync(context.User.MemberId(), name, cancellationToken);
        return versions.Count == 0 ? throw DomainException.NotFound("secret", name) : TypedResults.Ok(versions);
    }

    /// <summary>Deletes every version of one of the caller's secrets; contracts that name it can no longer be released.</summary>
    private static async Task<NoContent> DeleteAsync(string name, HttpContext context, ISecretStore secrets, CancellationToken cancellationToken)
    {
        var owner = context.User.MemberId();
        return await secrets.DeleteAsync(owner, name, AuditActor.Member(owner), cancellationToken)
            ? TypedResults.NoContent()
            : throw DomainException.NotFound("secret", name);
    }

    /// <summary>Operators: re-wraps every stored data key under the current key-encryption key, without downtime.</summary>
    private static async Task<Ok<RewrapResult>> RewrapAsync(
        HttpContext context, RewrapKeys rewrap, KeyEncryptionKeyRing keys, CancellationToken cancellationToken)
    {
        var count = await rewrap.HandleAsync(AuditActor.Member(context.User.MemberId()), cancellationToken);
        return TypedResults.Ok(new RewrapResult(keys.CurrentId, count));
    }

    /// <summary>How many data keys now sit under which key-encryption key.</summary>
    public sealed record RewrapResult(string KeyEncryptionKey, int Rewrapped);
}
