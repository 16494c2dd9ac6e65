namespace Governance.Api.Hosting.OpenApi;

/// <summary>
/// Tags in the order a collaborator meets them: who they are, the contract, their secrets, the release, the audit
/// trail, the service's keys and its own attestation; membership proposals and operations last. Within Members, <c>GET /members/me</c> comes
/// first: it is the thing to try right after Authorize.
/// </summary>
internal static class StoryOrder
{
    public static readonly IReadOnlyList<(string Name, string Description)> Tags =
    [
        ("Members", "Who is in the consortium; GET /members/me shows who you are signed in as and until when."),
        ("Contracts", "Draft, propose and approve a contract; it is accepted once every party signed its digest."),
        ("Secrets", "Your secrets and dataset keys; values leave the service only encrypted to an attested clean room."),
        ("Release", "For clean room VMs: a nonce, then attested release of the contract's secrets. No sign-in: the evidence is the credential."),
        ("Audit", "The signed, append-only log of every change and refusal, with inclusion and consistency proofs."),
        ("Keys", "The service's public signing keys, to verify tree heads and release receipts."),
        ("Service", "Confidential mode: fresh evidence of the service itself, binding the keys it holds. No sign-in."),
        ("Proposals", "Membership changes, decided by the consortium's quorum rule."),
        ("Operations", "Health and settings."),
    ];

    /// <summary>A sort key: tag position, then <c>GET /members/me</c> before everything else, then path and method.</summary>
    public static string KeyOf(ApiDescription api)
    {
        var tag = api.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Http.Metadata.ITagsMetadata>()
            .SelectMany(t => t.Tags).FirstOrDefault() ?? "";
        var position = Tags.Select(t => t.Name).ToList().IndexOf(tag) is var index and >= 0 ? index : Tags.Count;
        var path = api.RelativePath ?? "";
        var first = api.HttpMethod == "GET" && path == "members/me" ? 0 : 1;
        return FormattableString.Invariant($"{position:D2} {first} {path} {MethodOrder(api.HttpMethod)}");
    }

    private static int MethodOrder(string? method) => method switch
    {
        "GET" => 0,
        "POST" => 1,
        "PUT" => 2,
        "DELETE" => 3,
        _ => 4,
    };
}
