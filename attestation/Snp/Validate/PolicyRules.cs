namespace Governance.Attestation.Snp.Validate;

/// <summary>
/// The catalogue of attestation policy rules, by the stable names a <see cref="PolicyFailure"/> carries (a release
/// refusal prefixes them with <c>policy.</c>). A rule that reads a field the evidence does not carry fails with
/// "absent" when the policy requires something of it.
/// </summary>
public static class PolicyRules
{
    /// <summary>MEASUREMENT is one of the allowed launch measurements.</summary>
    public const string Measurement = "measurement";

    /// <summary>HOST_DATA is one of the allowed values.</summary>
    public const string HostData = "host_data";

    /// <summary>ID_KEY_DIGEST is one of the allowed digests.</summary>
    public const string IdKeyDigest = "id_key_digest";

    /// <summary>AUTHOR_KEY_DIGEST is one of the allowed digests.</summary>
    public const string AuthorKeyDigest = "author_key_digest";

    /// <summary>FAMILY_ID is the pinned one.</summary>
    public const string FamilyId = "family_id";

    /// <summary>IMAGE_ID is the pinned one.</summary>
    public const string ImageId = "image_id";

    /// <summary>GUEST_SVN is at least the minimum.</summary>
    public const string MinimumGuestSvn = "minimum_guest_svn";

    /// <summary>Prefix of the REPORTED_TCB minimums: <c>minimum_tcb.bootloader</c>, <c>.tee</c>, <c>.snp</c>, <c>.microcode</c>, <c>.fmc</c>.</summary>
    public const string MinimumTcbPrefix = "minimum_tcb.";

    /// <summary>A per-product minimum TCB names the evidence's product.</summary>
    public const string MinimumTcbProduct = "minimum_tcb.product";

    /// <summary>Prefix of the LAUNCH_TCB minimums: <c>minimum_launch_tcb.bootloader</c>, … .</summary>
    public const string MinimumLaunchTcbPrefix = "minimum_launch_tcb.";

    /// <summary>A per-product minimum launch TCB names the evidence's product.</summary>
    public const string MinimumLaunchTcbProduct = "minimum_launch_tcb.product";

    /// <summary>The product is one of the allowed ones.</summary>
    public const string Products = "products";

    /// <summary>The report is signed by the required kind of endorsement key.</summary>
    public const string SigningKey = "signing_key";

    /// <summary>POLICY.DEBUG is clear unless debug is allowed.</summary>
    public const string Debug = "debug";

    /// <summary>POLICY.MIGRATE_MA is clear unless a migration agent is allowed.</summary>
    public const string MigrationAgent = "migration_agent";

    /// <summary>POLICY.SMT is clear unless SMT is allowed.</summary>
    public const string Smt = "smt";

    /// <summary>The report comes from the required VMPL.</summary>
    public const string Vmpl = "vmpl";

    /// <summary>The report VERSION is at least the minimum.</summary>
    public const string MinimumReportVersion = "minimum_report_version";

    /// <summary>CHIP_ID is not masked unless a masked chip id is allowed.</summary>
    public const string MaskedChipId = "masked_chip_id";

    /// <summary>An attestation token comes from a trusted provider.</summary>
    public const string TrustedAttestationProviders = "trusted_attestation_providers";

    /// <summary>POLICY.SINGLE_SOCKET is set when required.</summary>
    public const string SingleSocket = "single_socket";

    /// <summary>POLICY.CXL_ALLOW is clear unless CXL is allowed.</summary>
    public const string Cxl = "cxl";

    /// <summary>POLICY.MEM_AES_256_XTS is set when required.</summary>
    public const string MemAes256Xts = "mem_aes_256_xts";

    /// <summary>POLICY.RAPL_DIS is set when required.</summary>
    public const string RaplDisabled = "rapl_disabled";

    /// <summary>POLICY.CIPHERTEXT_HIDING_DRAM is set when required.</summary>
    public const string CiphertextHiding = "ciphertext_hiding";

    /// <summary>POLICY.PAGE_SWAP_DISABLE is set when required.</summary>
    public const string PageSwapDisabled = "page_swap_disabled";

    /// <summary>POLICY.ABI_MAJOR.ABI_MINOR is at least the minimum.</summary>
    public const string MinimumAbi = "minimum_abi";

    /// <summary>PLATFORM_INFO.TSME_EN is set when required.</summary>
    public const string PlatformTsme = "platform.tsme";

    /// <summary>PLATFORM_INFO.ECC_EN is set when required.</summary>
    public const string PlatformEcc = "platform.ecc";

    /// <summary>PLATFORM_INFO.ALIAS_CHECK_COMPLETE is set when required.</summary>
    public const string PlatformAliasCheckComplete = "platform.alias_check_complete";

    /// <summary>PLATFORM_INFO.RAPL_DIS is set when required.</summary>
    public const string PlatformRaplDisabled = "platform.rapl_disabled";

    /// <summary>PLATFORM_INFO.CIPHERTEXT_HIDING_EN is set when required.</summary>
    public const string PlatformCiphertextHiding = "platform.ciphertext_hiding";

    /// <summary>Unless provisional firmware is allowed, COMMITTED_TCB and the committed version equal the current ones.</summary>
    public const string ProvisionalFirmware = "provisional_firmware";

    /// <summary>
    /// Always checked: no byte of REPORTED_TCB (which the VEK certifies) is above CURRENT_TCB, as go-sev-guest requires;
    /// a key for a TCB the firmware is not running says nothing about this platform.
    /// </summary>
    public const string ReportedTcb = "reported_tcb";

    /// <summary>CURRENT_BUILD is at least the minimum.</summary>
    public const string MinimumBuild = "minimum_build";

    /// <summary>LAUNCH_MIT_VECTOR (version 5 reports) has every required bit set.</summary>
    public const string LaunchMitigations = "launch_mitigations";

    /// <summary>CURRENT_MIT_VECTOR (version 5 reports) has every required bit set.</summary>
    public const string CurrentMitigations = "current_mitigations";
}
