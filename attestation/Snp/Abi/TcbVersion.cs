namespace Governance.Attestation.Snp.Abi;

/// <summary>
/// A TCB_VERSION as the report stores it: one little-endian u64 whose byte layout depends on the product.
/// Milan and Genoa: b0 boot loader, b1 TEE, b6 SNP, b7 microcode. Turin: b0 FMC, b1 boot loader, b2 TEE,
/// b3 SNP, b7 microcode. Components are compared one by one; the raw value is not an ordering.
/// </summary>
public readonly record struct TcbVersion(ulong Raw)
{
    /// <summary>Decodes the components with the layout of <paramref name="product"/>.</summary>
    public TcbComponents Decode(SnpProduct product)
    {
        var raw = Raw;
        byte B(int i) => (byte)(raw >> (8 * i));
        return product == SnpProduct.Turin
            ? new TcbComponents(BootLoader: B(1), Tee: B(2), Snp: B(3), Microcode: B(7), Fmc: B(0))
            : new TcbComponents(BootLoader: B(0), Tee: B(1), Snp: B(6), Microcode: B(7), Fmc: null);
    }

    /// <summary>Encodes components with the layout of <paramref name="product"/>; FMC is ignored before Turin.</summary>
    public static TcbVersion Encode(SnpProduct product, TcbComponents components)
    {
        ulong At(byte value, int i) => (ulong)value << (8 * i);
        return product == SnpProduct.Turin
            ? new TcbVersion(At(components.Fmc ?? 0, 0) | At(components.BootLoader, 1) | At(components.Tee, 2) | At(components.Snp, 3) | At(components.Microcode, 7))
            : new TcbVersion(At(components.BootLoader, 0) | At(components.Tee, 1) | At(components.Snp, 6) | At(components.Microcode, 7));
    }

    public override string ToString() => $"0x{Raw:x16}";
}

/// <summary>Security patch levels of the firmware components that make up a TCB.</summary>
/// <param name="BootLoader">SPL of the PSP boot loader.</param>
/// <param name="Tee">SPL of the PSP operating system (TEE).</param>
/// <param name="Snp">SPL of the SNP firmware.</param>
/// <param name="Microcode">SPL of the CPU microcode.</param>
/// <param name="Fmc">Turin only (null for Milan and Genoa).</param>
public sealed record TcbComponents(byte BootLoader, byte Tee, byte Snp, byte Microcode, byte? Fmc = null)
{
    public override string ToString() =>
        Fmc is { } fmc
            ? $"fmc={fmc} bl={BootLoader} tee={Tee} snp={Snp} ucode={Microcode}"
            : $"bl={BootLoader} tee={Tee} snp={Snp} ucode={Microcode}";
}
