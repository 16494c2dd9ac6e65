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

    /// <summary>Lowest acceptable reported TCB, per component, or per product (SPL scales differ between products).</summary>
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

    /// <summary>POLICY.SINGLE_SOCKET must be set: the guest may run on one socket only.</summary>
    public bool RequireSingleSocket { get; init; }

    /// <summary>Whether POLICY.CXL_ALLOW may be set (CXL-attached memory outside the chip's protection); refused by default.</summary>
    public bool AllowCxl { get; init; }

    /// <summary>POLICY.MEM_AES_256_XTS must be set: memory encrypted with AES-256-XTS.</summary>
    public bool RequireMemAes256Xts { get; init; }

    /// <summary>POLICY.RAPL_DIS must be set: running average power limit, a power side channel, disabled.</summary>
    public bool RequireRaplDisabled { get; init; }

    /// <summary>POLICY.CIPHERTEXT_HIDING_DRAM must be set: the host cannot read the guest's ciphertext.</summary>
    public bool RequireCiphertextHiding { get; init; }

    /// <summary>POLICY.PAGE_SWAP_DISABLE must be set: the host cannot swap the guest's pages.</summary>
    public bool RequirePageSwapDisabled { get; init; }

    /// <summary>Lowest acceptable POLICY.ABI_MAJOR (the firmware ABI the guest was launched to require).</summary>
    public byte? MinimumAbiMajor { get; init; }

    /// <summary>Lowest acceptable POLICY.ABI_MINOR when ABI_MAJOR equals <see cref="MinimumAbiMajor"/>.</summary>
    public byte? MinimumAbiMinor { get; init; }

    /// <summary>PLATFORM_INFO.TSME_EN must be set: all host memory is encrypted too.</summary>
    public bool RequireTsme { get; init; }

    /// <summary>PLATFORM_INFO.ECC_EN must be set: the platform uses error-correcting memory.</summary>
    public bool RequireEcc { get; init; }

    /// <summary>PLATFORM_INFO.ALIAS_CHECK_COMPLETE must be set: memory alias detection ran since reset and found none.</summary>
    public bool RequireAliasCheckComplete { get; init; }

    /// <summary>PLATFORM_INFO.RAPL_DIS must be set on the platform.</summary>
    public bool RequirePlatformRaplDisabled { get; init; }

    /// <summary>PLATFORM_INFO.CIPHERTEXT_HIDING_EN must be set on the platform.</summary>
    public bool RequirePlatformCiphertextHiding { get; init; }

    /// <summary>
    /// Whether the firmware may be provisional: COMMITTED_TCB and the committed version below the current ones (a host
    /// that can still roll back). Refused by default: committed and current must be equal.
    /// </summary>
    public bool AllowProvisionalFirmware { get; init; }

    /// <summary>Lowest acceptable CURRENT_BUILD of the SNP firmware.</summary>
    public byte? MinimumBuild { get; init; }

    /// <summary>Lowest acceptable LAUNCH_TCB (the TCB when the guest was launched), per component or per product.</summary>
    public TcbMinimum? MinimumLaunchTcb { get; init; }

    /// <summary>
    /// Bits (0–31) that LAUNCH_MIT_VECTOR, the mitigations in force when the guest was launched, must have set. Only
    /// version 5 reports carry the vector, so a policy that sets bits refuses older reports and tokens.
    /// </summary>
    public uint? RequiredLaunchMitigations { get; init; }

    /// <summary>Bits (0–31) that CURRENT_MIT_VECTOR, the mitigations the firmware applies now, must have set (version 5 reports only).</summary>
    public uint? RequiredCurrentMitigations { get; init; }
}
