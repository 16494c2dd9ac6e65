namespace Governance.Attestation.Snp.Abi;

/// <summary>
/// PLATFORM_INFO (u64 at 0x40). Unknown bits are kept, not refused: genuine Turin reports set bit 6
/// (IOMMU write-safe), which older parsers treat as reserved.
/// </summary>
public readonly record struct PlatformInfo(ulong Raw)
{
    public bool SmtEnabled => Bit(0);

    public bool TsmeEnabled => Bit(1);

    public bool EccEnabled => Bit(2);

    public bool RaplDisabled => Bit(3);

    public bool CiphertextHidingEnabled => Bit(4);

    public bool AliasCheckComplete => Bit(5);

    public bool IommuWriteSafe => Bit(6);

    public bool SevTioEnabled => Bit(7);

    private bool Bit(int i) => ((Raw >> i) & 1) != 0;

    public override string ToString() =>
        $"0x{Raw:x} (smt_en={B(SmtEnabled)} tsme_en={B(TsmeEnabled)} ecc={B(EccEnabled)} rapl_dis={B(RaplDisabled)} ciphertext_hiding={B(CiphertextHidingEnabled)} " +
        $"alias_check_complete={B(AliasCheckComplete)} iommu_write_safe={B(IommuWriteSafe)} tio={B(SevTioEnabled)})";

    private static int B(bool b) => b ? 1 : 0;
}
