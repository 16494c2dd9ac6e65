namespace Governance.Attestation.Snp.Verify;

/// <summary>What identifies a VCEK: the product, the chip and the reported TCB it was derived at.</summary>
public sealed record VcekRequest(SnpProduct Product, byte[] ChipId, TcbVersion ReportedTcb)
{
    /// <summary>The hardware id KDS expects: CHIP_ID as lowercase hex (Turin: its first 8 bytes).</summary>
    public string HwIdHex => Convert.ToHexStringLower(Product == SnpProduct.Turin ? ChipId.AsSpan(0, 8) : ChipId);

    /// <summary>A stable key for caches: product, hardware id and raw reported TCB.</summary>
    public string CacheKey => $"vcek/{Product.ToString().ToLowerInvariant()}/{HwIdHex}/{ReportedTcb.Raw:x16}";
}

/// <summary>Where VCEKs come from when the evidence does not carry one (AMD KDS, Azure's cache, a store).</summary>
public interface IVcekSource
{
    /// <summary>The VCEK certificate (DER), or null when the source does not have it.</summary>
    Task<byte[]?> GetVcekAsync(VcekRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Durable storage for fetched endorsements (VCEKs), implemented by the hosting layer (e.g. PostgreSQL).
/// Values are immutable for a key, so implementations may ignore repeated writes.
/// </summary>
public interface IEndorsementCache
{
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    Task SetAsync(string key, byte[] value, CancellationToken cancellationToken);
}
