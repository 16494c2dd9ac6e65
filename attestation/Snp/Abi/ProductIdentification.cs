namespace Governance.Attestation.Snp.Abi;

/// <summary>Tells the product from the report's CPUID fields or from a VEK's productName / issuer name.</summary>
public static class ProductIdentification
{
    /// <summary>Milan: family 0x19, models 0x00-0x0F; Genoa: 0x19, 0x10-0x1F or 0xA0-0xAF; Turin: family 0x1A, models 0x00-0x11.</summary>
    public static SnpProduct? FromCpuid(byte family, byte model) => family switch
    {
        0x19 when model <= 0x0F => SnpProduct.Milan,
        0x19 when model is >= 0x10 and <= 0x1F or >= 0xA0 and <= 0xAF => SnpProduct.Genoa,
        0x1A when model <= 0x11 => SnpProduct.Turin,
        _ => null,
    };

    /// <summary>From a VEK productName such as "Milan-B0", "Genoa" or "Turin" (the stepping suffix is ignored).</summary>
    public static SnpProduct? FromProductName(string? productName)
    {
        if (string.IsNullOrEmpty(productName))
        {
            return null;
        }

        var dash = productName.IndexOf('-', StringComparison.Ordinal);
        var family = dash < 0 ? productName : productName[..dash];
        return Enum.TryParse<SnpProduct>(family, ignoreCase: true, out var product) && Enum.IsDefined(product) ? product : null;
    }

    /// <summary>The KDS path segment for a product.</summary>
    public static string KdsName(SnpProduct product) => product.ToString();
}
