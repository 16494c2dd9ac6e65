namespace Governance.Protocol.Contracts;

/// <summary>
/// The attestation policy as it is written in a contract (the wire form of the attestation library's
/// policy, field for field, so clients can compute digests without that library). Byte values are
/// lowercase hex; an empty allow-list means "any value".
/// </summary>
public sealed record AttestationPolicySpec
{
    /// <summary>Allowed launch measurements (48 bytes, 96 hex digits, each).</summary>
    public IReadOnlyList<string> Measurements { get; init; } = [];

    /// <summary>Allowed HOST_DATA values (32 bytes, 64 hex digits, each).</summary>
    public IReadOnlyList<string> HostData { get; init; } = [];

    /// <summary>Allowed ID-key digests (48 bytes each).</summary>
    public IReadOnlyList<string> IdKeyDigests { get; init; } = [];

    /// <summary>Allowed author-key digests (48 bytes each).</summary>
    public IReadOnlyList<string> AuthorKeyDigests { get; init; } = [];

    /// <summary>Required FAMILY_ID (16 bytes), if pinned.</summary>
    public string? FamilyId { get; init; }

    /// <summary>Required IMAGE_ID (16 bytes), if pinned.</summary>
    public string? ImageId { get; init; }

    public uint? MinimumGuestSvn { get; init; }

    /// <summary>Lowest acceptable reported TCB per component (bootLoader, tee, snp, microcode, fmc on Turin), or per product.</summary>
    public TcbMinimumSpec? MinimumTcb { get; init; }

    /// <summary><c>milan</c>, <c>genoa</c>, <c>turin</c>; empty means any.</summary>
    public IReadOnlyList<SnpProductName> Products { get; init; } = [];

    /// <summary><c>vcek</c>, <c>vlek</c> or <c>any</c>.</summary>
    public SigningKeyName SigningKey { get; init; } = SigningKeyName.Vcek;

    /// <summary>Debug guests expose their memory to the host: refused unless set.</summary>
    public bool AllowDebug { get; init; }

    public bool AllowMigrationAgent { get; init; }

    public bool AllowSmt { get; init; } = true;

    /// <summary>Taken from the clean room profile; leave out or give the same value.</summary>
    public uint? Vmpl { get; init; }

    public uint? MinimumReportVersion { get; init; }

    public bool AllowMaskedChipId { get; init; }

    /// <summary>For Azure Attestation token evidence: the trusted attestation providers (issuer URLs).</summary>
    public IReadOnlyList<string> TrustedAttestationProviders { get; init; } = [];

    // The members below are nullable, null meaning false or "not checked", so that a contract that does not use them
    // serialises, and therefore digests, exactly as it did before they existed.

    /// <summary>POLICY.SINGLE_SOCKET must be set.</summary>
    public bool? RequireSingleSocket { get; init; }

    /// <summary>Whether POLICY.CXL_ALLOW may be set; refused unless true.</summary>
    public bool? AllowCxl { get; init; }

    /// <summary>POLICY.MEM_AES_256_XTS must be set.</summary>
    public bool? RequireMemAes256Xts { get; init; }

    /// <summary>POLICY.RAPL_DIS must be set.</summary>
    public bool? RequireRaplDisabled { get; init; }

    /// <summary>POLICY.CIPHERTEXT_HIDING_DRAM must be set.</summary>
    public bool? RequireCiphertextHiding { get; init; }

    /// <summary>POLICY.PAGE_SWAP_DISABLE must be set.</summary>
    public bool? RequirePageSwapDisabled { get; init; }

    /// <summary>Lowest acceptable POLICY.ABI_MAJOR.</summary>
    public byte? MinimumAbiMajor { get; init; }

    /// <summary>Lowest acceptable POLICY.ABI_MINOR at the minimum major.</summary>
    public byte? MinimumAbiMinor { get; init; }

    /// <summary>PLATFORM_INFO.TSME_EN must be set.</summary>
    public bool? RequireTsme { get; init; }

    /// <summary>PLATFORM_INFO.ECC_EN must be set.</summary>
    public bool? RequireEcc { get; init; }

    /// <summary>PLATFORM_INFO.ALIAS_CHECK_COMPLETE must be set.</summary>
    public bool? RequireAliasCheckComplete { get; init; }

    /// <summary>PLATFORM_INFO.RAPL_DIS must be set.</summary>
    public bool? RequirePlatformRaplDisabled { get; init; }

    /// <summary>PLATFORM_INFO.CIPHERTEXT_HIDING_EN must be set.</summary>
    public bool? RequirePlatformCiphertextHiding { get; init; }

    /// <summary>Whether committed firmware may be below the current (provisional) firmware; refused unless true.</summary>
    public bool? AllowProvisionalFirmware { get; init; }

    /// <summary>Lowest acceptable CURRENT_BUILD.</summary>
    public byte? MinimumBuild { get; init; }

    /// <summary>Lowest acceptable LAUNCH_TCB, in the same forms as <see cref="MinimumTcb"/>.</summary>
    public TcbMinimumSpec? MinimumLaunchTcb { get; init; }

    /// <summary>
    /// Bits (0–31) LAUNCH_MIT_VECTOR must have set; a report below version 5 carries none and is refused. A bit mask
    /// of 32 bits, because a JSON number (and so the contract's digest) holds integers exactly only up to 2^53.
    /// </summary>
    public uint? RequiredLaunchMitigations { get; init; }

    /// <summary>Bits (0–31) CURRENT_MIT_VECTOR must have set; a report below version 5 is refused.</summary>
    public uint? RequiredCurrentMitigations { get; init; }
}

/// <summary>
/// A minimum TCB: either components (<c>{"bootLoader": 4, "snp": 22}</c>) for the one product the policy allows, or
/// one set of components per product (<c>{"milan": {...}, "genoa": {...}, "turin": {...}}</c>), since each
/// generation numbers its SPLs on its own scale. A product the per-product form leaves out is refused.
/// </summary>
public sealed record TcbMinimumSpec
{
    public byte? BootLoader { get; init; }

    public byte? Tee { get; init; }

    public byte? Snp { get; init; }

    public byte? Microcode { get; init; }

    /// <summary>Turin only.</summary>
    public byte? Fmc { get; init; }

    public TcbMinimumSpec? Milan { get; init; }

    public TcbMinimumSpec? Genoa { get; init; }

    public TcbMinimumSpec? Turin { get; init; }
}

public enum SnpProductName
{
    Milan,
    Genoa,
    Turin,
}

public enum SigningKeyName
{
    Vcek,
    Vlek,
    Any,
}
