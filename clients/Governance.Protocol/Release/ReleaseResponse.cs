namespace Governance.Protocol.Release;

/// <summary>
/// What a granted release returns: every value as a compact JWE (RSA-OAEP-256 + A256GCM, or ECDH-ES + A256GCM)
/// to the request's wrapping key, dataset descriptors, and the service-signed receipt (compact JWS, ES384).
/// </summary>
public sealed record ReleaseResponse(
    IReadOnlyList<ReleasedSecret> Secrets,
    IReadOnlyList<ReleasedDataset> Datasets,
    string Receipt);

public sealed record ReleasedSecret(string Owner, string Name, string Jwe);

/// <param name="Key">JWE of the dataset's encryption key.</param>
/// <param name="Credential">JWE of the access credential for the dataset's location, when the owner gave one.</param>
public sealed record ReleasedDataset(
    string Owner,
    string Name,
    string Location,
    string Format,
    string SchemaDigest,
    string Key,
    string? Credential = null);
