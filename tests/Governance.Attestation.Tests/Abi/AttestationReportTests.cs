using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Tests.Support;

namespace Governance.Attestation.Tests.Abi;

public sealed class AttestationReportTests
{
    private static byte[] Genuine(string name = "msteeav-aci-milan") => Vector.Load(name).Report;

    [Theory]
    [InlineData(0x000, 0x01, "VERSION")]
    [InlineData(0x000, 0x06, "VERSION")]
    [InlineData(0x034, 0x02, "SIGNATURE_ALGO")]
    [InlineData(0x04C, 0x01, "reserved 0x04C")]
    [InlineData(0x18B, 0x01, "reserved 0x18B")]
    [InlineData(0x1EB, 0x01, "reserved 0x1EB")]
    [InlineData(0x1F8, 0x01, "reserved 0x1F8")]
    [InlineData(0x29F, 0x01, "reserved 0x1F8")]
    [InlineData(0x2A0 + 48, 0x01, "signature R high bytes")]
    [InlineData(0x2E8 + 71, 0x01, "signature S high bytes")]
    [InlineData(0x49F, 0x01, "reserved signature tail")]
    public void Structural_violations_raise_the_format_exception_naming_the_field(int offset, byte value, string field)
    {
        var report = Genuine();
        report[offset] = value;
        var error = Assert.Throws<SnpFormatException>(() => AttestationReport.Parse(report));
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_and_key_info_reserved_bits_are_checked()
    {
        var noBit17 = Genuine();
        noBit17[0x0A] &= 0xFD;
        Assert.Contains("bit 17", Assert.Throws<SnpFormatException>(() => AttestationReport.Parse(noBit17)).Message, StringComparison.Ordinal);

        var highPolicy = Genuine();
        highPolicy[0x0F] = 0x80;
        Assert.Contains("63:26", Assert.Throws<SnpFormatException>(() => AttestationReport.Parse(highPolicy)).Message, StringComparison.Ordinal);

        var keyInfo = Genuine();
        keyInfo[0x48] = 0x20;
        Assert.Contains("31:5", Assert.Throws<SnpFormatException>(() => AttestationReport.Parse(keyInfo)).Message, StringComparison.Ordinal);

        var reservedSigner = Genuine();
        reservedSigner[0x48] = 2 << 2;
        Assert.Contains("reserved", Assert.Throws<SnpFormatException>(() => AttestationReport.Parse(reservedSigner)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_2_reports_must_have_zero_where_later_versions_carry_CPUID()
    {
        var report = Genuine("virtee-milan");
        Assert.Null(AttestationReport.Parse(report).CpuidFamily);
        report[0x188] = 0x19;
        Assert.Throws<SnpFormatException>(() => AttestationReport.Parse(report));
    }

    [Fact]
    public void Wrong_length_raises_the_format_exception()
    {
        Assert.Throws<SnpFormatException>(() => AttestationReport.Parse(new byte[AttestationReport.Size - 1]));
        Assert.Throws<SnpFormatException>(() => AttestationReport.Parse(new byte[AttestationReport.Size + 0x20]));
    }

    [Fact]
    public void Unknown_platform_info_bits_are_kept_not_refused()
    {
        var report = Genuine();
        report[0x47] = 0x80;
        Assert.Equal(0x80UL << 56, AttestationReport.Parse(report).PlatformInfo.Raw & (0x80UL << 56));
    }

    [Fact]
    public void TCB_layouts_decode_the_worked_examples_and_encode_back()
    {
        var milan = new TcbVersion(0xDB18000000000004);
        Assert.Equal(new TcbComponents(BootLoader: 4, Tee: 0, Snp: 24, Microcode: 219), milan.Decode(SnpProduct.Milan));
        var turin = new TcbVersion(0x5100000004010101);
        Assert.Equal(new TcbComponents(BootLoader: 1, Tee: 1, Snp: 4, Microcode: 81, Fmc: 1), turin.Decode(SnpProduct.Turin));
        Assert.Equal(milan, TcbVersion.Encode(SnpProduct.Genoa, milan.Decode(SnpProduct.Genoa)));
        Assert.Equal(turin, TcbVersion.Encode(SnpProduct.Turin, turin.Decode(SnpProduct.Turin)));
    }

    [Fact]
    public void Guest_policy_bits_decode()
    {
        var policy = new GuestPolicy(0x3001f | (1UL << 19) | (1UL << 20) | (1UL << 25));
        Assert.Equal((0, 31), (policy.AbiMajor, policy.AbiMinor));
        Assert.True(policy.SmtAllowed && policy.Debug && policy.SingleSocket && policy.PageSwapDisabled);
        Assert.False(policy.MigrateMa || policy.CxlAllowed || policy.MemAes256Xts || policy.RaplDisabled || policy.CiphertextHiding);
    }

    [Theory]
    [InlineData(0x19, 0x01, SnpProduct.Milan)]
    [InlineData(0x19, 0x11, SnpProduct.Genoa)]
    [InlineData(0x19, 0xA0, SnpProduct.Genoa)]
    [InlineData(0x1A, 0x02, SnpProduct.Turin)]
    [InlineData(0x1A, 0x11, SnpProduct.Turin)]
    [InlineData(0x17, 0x01, null)]
    public void Product_is_told_from_CPUID(byte family, byte model, SnpProduct? expected) =>
        Assert.Equal(expected, ProductIdentification.FromCpuid(family, model));

    [Fact]
    public void Product_is_told_from_the_VEK_product_name_ignoring_the_stepping()
    {
        Assert.Equal(SnpProduct.Milan, ProductIdentification.FromProductName("Milan-B0"));
        Assert.Equal(SnpProduct.Genoa, ProductIdentification.FromProductName("Genoa"));
        Assert.Null(ProductIdentification.FromProductName("Rome"));
        Assert.Null(ProductIdentification.FromProductName(null));
    }
}
