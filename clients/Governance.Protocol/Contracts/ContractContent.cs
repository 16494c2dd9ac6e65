namespace Governance.Protocol.Contracts;

/// <summary>
/// What the parties agree on. Its digest (<see cref="ContractDigest"/>) is what each party signs, so
/// server and clients serialise it with the same options (<see cref="ContractJson.Options"/>).
/// </summary>
public sealed record ContractContent
{
    public required string Title { get; init; }

    public string? Description { get; init; }

    /// <summary>Member ids of the collaborators; the proposer is one of them.</summary>
    public IReadOnlyList<string> Parties { get; init; } = [];

    public IReadOnlyList<DatasetSpec> Datasets { get; init; } = [];

    /// <summary>Secrets released to the clean room, each named in its owner's secret store.</summary>
    public IReadOnlyList<SecretSpec> Secrets { get; init; } = [];

    public required CleanRoomProfile CleanRoom { get; init; }

    /// <summary>
    /// What the evidence must show. Its <c>vmpl</c> is taken from <see cref="CleanRoom"/>; leave it out or give the same value.
    /// </summary>
    public required AttestationPolicySpec AttestationPolicy { get; init; }

    public ContractValidity Validity { get; init; } = new();
}

/// <summary>A dataset an owning party brings, encrypted with a key held in one of the owner's secrets.</summary>
public sealed record DatasetSpec
{
    public required string Owner { get; init; }

    public required string Name { get; init; }

    /// <summary>Absolute URI of the encrypted data.</summary>
    public required string Location { get; init; }

    /// <summary>e.g. <c>parquet</c>, <c>csv</c>.</summary>
    public required string Format { get; init; }

    /// <summary>SHA-256 of the schema, 64 lowercase hex digits.</summary>
    public string? SchemaDigest { get; init; }

    /// <summary>Name of the owner's secret holding the dataset's encryption key.</summary>
    public required string KeySecret { get; init; }

    /// <summary>Name of the owner's secret holding an access credential for <see cref="Location"/>.</summary>
    public string? CredentialSecret { get; init; }

    /// <summary>The version of <see cref="KeySecret"/> to release; absent: the current one at each release.</summary>
    public int? KeySecretVersion { get; init; }

    /// <summary>The version of <see cref="CredentialSecret"/> to release; absent: the current one at each release.</summary>
    public int? CredentialSecretVersion { get; init; }
}

public sealed record SecretSpec
{
    public required string Owner { get; init; }

    public required string Name { get; init; }

    /// <summary>
    /// The version to release (what <c>PUT /secrets/{name}</c> answered); absent: the current one at each release. A pinned
    /// version is released even after the owner uploads a newer value; the approvals cover it, as part of the content.
    /// </summary>
    public int? Version { get; init; }
}

/// <summary>The clean room the contract's secrets may be released to.</summary>
public sealed record CleanRoomProfile
{
    /// <summary>
    /// 0 application sandbox with process isolation, 1 VMPL + process, 2 nested VM under VMPL, 3 sandbox VM + firewall VM.
    /// </summary>
    public int Type { get; init; }

    /// <summary>The VMPL (0–3) the attestation evidence must come from.</summary>
    public uint Vmpl { get; init; }

    public CustomRuntime? CustomRuntime { get; init; }

    public EgressMode Egress { get; init; } = EgressMode.Secure;

    /// <summary>Required for <see cref="EgressMode.Open"/>, absent otherwise; data-plane proxies fetch it after attesting.</summary>
    public EgressPolicy? EgressPolicy { get; init; }
}

/// <summary>A workload runtime pinned by the digest of its image and/or the certificate that signed it.</summary>
public sealed record CustomRuntime
{
    public required string Name { get; init; }

    /// <summary>SHA-256 of the executable or image, 64 lowercase hex digits.</summary>
    public string? Digest { get; init; }

    /// <summary>Thumbprint of the signer's certificate: SHA-1 (40) or SHA-256 (64) lowercase hex digits.</summary>
    public string? SignerThumbprint { get; init; }
}

public enum EgressMode
{
    /// <summary>No egress beyond the encrypted results channel.</summary>
    Secure,

    /// <summary>Egress to endpoints the parties trust.</summary>
    Trusted,

    /// <summary>Egress of outputs that pass the egress policy.</summary>
    Open,
}

public sealed record EgressPolicy
{
    public IReadOnlyList<AllowedOutputFormat> AllowedFormats { get; init; } = [];
}

/// <summary>An output format the clean room may emit, e.g. <c>onnx</c> restricted to an operator allow-list.</summary>
public sealed record AllowedOutputFormat
{
    public required string Format { get; init; }

    /// <summary>
    /// Empty means any operator of the format. For <c>onnx</c>: <c>Relu</c> names an operator of the default domain,
    /// <c>domain:op_type</c> one of another (e.g. <c>ai.onnx.ml:TreeEnsembleClassifier</c>).
    /// </summary>
    public IReadOnlyList<string> AllowedOperators { get; init; } = [];

    /// <summary>
    /// The largest output of this format, in bytes (1 to 2147483647, protobuf's limit on one message); absent, only that
    /// limit applies. Left out of the content when absent, so contracts without it keep their digests.
    /// </summary>
    // Left out when absent whatever the serializer: the receipt's runtime instructions carry this record too.
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public long? MaxBytes { get; init; }
}

public sealed record ContractValidity
{
    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    public int? MaxReleases { get; init; }
}
