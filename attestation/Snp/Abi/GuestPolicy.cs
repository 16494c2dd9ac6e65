namespace Governance.Attestation.Snp.Abi;

/// <summary>The guest POLICY (u64 at 0x08) the VM was launched with.</summary>
public readonly record struct GuestPolicy(ulong Raw)
{
    /// <summary>Bit 17 is reserved and must be one.</summary>
    public const ulong ReservedMustBeOne = 1UL << 17;

    /// <summary>Bits 63:26 are reserved and must be zero.</summary>
    public const ulong ReservedMustBeZero = ~((1UL << 26) - 1);

    public byte AbiMinor => (byte)Raw;

    public byte AbiMajor => (byte)(Raw >> 8);

    public bool SmtAllowed => Bit(16);

    public bool MigrateMa => Bit(18);

    public bool Debug => Bit(19);

    public bool SingleSocket => Bit(20);

    public bool CxlAllowed => Bit(21);

    public bool MemAes256Xts => Bit(22);

    public bool RaplDisabled => Bit(23);

    public bool CiphertextHiding => Bit(24);

    public bool PageSwapDisabled => Bit(25);

    private bool Bit(int i) => ((Raw >> i) & 1) != 0;

    public override string ToString() =>
        $"0x{Raw:x} (abi {AbiMajor}.{AbiMinor} smt={B(SmtAllowed)} migrate_ma={B(MigrateMa)} debug={B(Debug)} single_socket={B(SingleSocket)} " +
        $"cxl={B(CxlAllowed)} aes256xts={B(MemAes256Xts)} rapl_dis={B(RaplDisabled)} ciphertext_hiding={B(CiphertextHiding)} page_swap_dis={B(PageSwapDisabled)})";

    private static int B(bool b) => b ? 1 : 0;
}
