namespace Governance.Attestation.Policy;

/// <summary>
/// What a clean room's evidence must show before anything is released to it. Byte values are lowercase
/// hex at this edge because a policy is part of a contract's canonical JSON; evaluation decodes them once.
/// An empty allow-list means "any value".
/// </summary>
public sealed record AttestationPolicy
{
    /// <summary>Allowed launch measurements (48 bytes each).</summary>
    public IReadOnlyList<string> Measurements { get; init; } = [];

    /// <summary>Allowed HOST_DATA values (32 bytes each).</summary>
    public IReadOnlyList<string> HostData { get; init; } = [];

    /// <summary>Allowed ID-key digests (48 bytes each).</summary>
    public IReadOnlyList<string> IdKeyDigests { get; init; } = [];

    /// <summary>Allowed author-key digests (48 bytes each).</summary>
    public IReadOnlyList<string> AuthorKeyDigests { get; init; } = [];

    /// <summary>Required FAMILY_ID (16 bytes), if pinned.</summary>
    public string? FamilyId { get; init; }

    /// <summary>Required IMAGE_ID (16 bytes), if pinned.</summary>
    public string? ImageId { get; init; }

    /// <summary>Lowest acceptable GUEST_SVN.</summary>
    public uint? MinimumGuestSvn { get; init; }

    /// <summary>Lowest acceptable reported TCB, per component.</summary>
    public TcbMinimum? MinimumTcb { get; init; }

    /// <summary>Allowed products; empty means any.</summary>
    public IReadOnlyList<SnpProduct> Products { get; init; } = [];

    /// <summary>Which endorsement key may sign the report.</summary>
    public SigningKeyRequirement SigningKey { get; init; } = SigningKeyRequirement.Vcek;

    /// <summary>Debug guests expose their memory to the host; refused unless explicitly allowed.</summary>
    public bool AllowDebug { get; init; }

    /// <summary>Whether a migration agent may be attached (POLICY.MIGRATE_MA).</summary>
    public bool AllowMigrationAgent { get; init; }

    /// <summary>Whether SMT may be enabled in the guest policy.</summary>
    public bool AllowSmt { get; init; } = true;

    /// <summary>
    /// The VMPL the evidence must come from. Clean room types 1–3 run the workload below VMPL 0; the
    /// contract's clean room profile sets this.
    /// </summary>
    public uint? Vmpl { get; init; }

    /// <summary>Lowest acceptable report VERSION.</summary>
    public uint? MinimumReportVersion { get; init; }

    /// <summary>Whether a report with an all-zero CHIP_ID (host MaskChipId) is acceptable.</summary>
    public bool AllowMaskedChipId { get; init; }

    /// <summary>For Azure Attestation token evidence: the issuers (attestation providers) trusted.</summary>
    public IReadOnlyList<string> TrustedAttestationProviders { get; init; } = [];
}
