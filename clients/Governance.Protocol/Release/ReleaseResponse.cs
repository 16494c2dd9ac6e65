namespace Governance.Protocol.Release;

/// <summary>
/// What a granted release returns: every value as a compact JWE (RSA-OAEP-256 + A256GCM, or ECDH-ES + A256GCM)
/// to the request's wrapping key, dataset descriptors, and the service-signed receipt (compact JWS, ES256).
/// </summary>
public sealed record ReleaseResponse(
    IReadOnlyList<ReleasedSecret> Secrets,
    IReadOnlyList<ReleasedDataset> Datasets,
    string Receipt);

/// <summary>One secret of the contract, as a JWE to the wrapping key.</summary>
public sealed record ReleasedSecret(string Owner, string Name, string Jwe);

/// <summary>A dataset of the contract: where it is and how to read it, with its key (and access credential) as JWE.</summary>
/// <param name="Owner">The party that brings the dataset.</param>
/// <param name="Name">The dataset's name in the contract.</param>
/// <param name="Location">Where the data lives (URL).</param>
/// <param name="Format">How it is encoded (e.g. parquet).</param>
/// <param name="SchemaDigest">Digest of its schema, when the contract pins one.</param>
/// <param name="Key">JWE of the dataset's encryption key.</param>
/// <param name="Credential">JWE of the access credential for the dataset's location, when the owner gave one.</param>
public sealed record ReleasedDataset(
    string Owner,
    string Name,
    string Location,
    string Format,
    string? SchemaDigest,
    string Key,
    string? Credential = null);
