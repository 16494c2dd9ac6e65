using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Snp.Simulation;
using Governance.Attestation.Tests.Support;

namespace Governance.Attestation.Tests.Verify;

/// <summary>Each test signs a genuine-looking simulated report that breaks exactly one rule about its fields.</summary>
public sealed class ReportFieldRuleTests
{
    private static EvidenceVerifier Trusting(SimulatedSnpPlatform platform) => Verifiers.Offline(Platforms.Now, platform.TrustRoot);

    private static async Task<AttestationVerificationException> Refused(SimulatedSnpPlatform platform, byte[] report, byte[]? certificates = null, EvidenceVerifier? verifier = null) =>
        await Assert.ThrowsAsync<AttestationVerificationException>(() =>
            (verifier ?? Trusting(platform)).VerifyAsync(new SnpEvidence(report, certificates ?? platform.Vcek.CertificatePem), default));

    [Theory]
    [InlineData(4u)]
    [InlineData(7u)]
    [InlineData(0xFFFFFFFFu)]
    public async Task A_signed_report_from_a_vmpl_above_3_is_refused(uint vmpl)
    {
        var platform = Platforms.Milan;
        var report = platform.SignReport(platform.NewReport() with { Vmpl = vmpl });

        var error = await Refused(platform, report);

        Assert.Equal(AttestationFailureReason.MalformedEvidence, error.Reason);
        Assert.Contains("VMPL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_report_from_vmpl_3_verifies()
    {
        var platform = Platforms.Milan;
        var claims = await Trusting(platform).VerifyAsync(new SnpEvidence(platform.SignReport(platform.NewReport() with { Vmpl = 3 }), platform.Vcek.CertificatePem), default);
        Assert.Equal(3u, claims.Vmpl);
    }

    [Fact]
    public async Task Evidence_on_the_wire_is_exactly_one_report_even_when_the_first_1184_bytes_verify()
    {
        var platform = Platforms.Milan;
        byte[] report = [.. platform.SignReport(platform.NewReport()), .. new byte[64]];

        var error = await Refused(platform, report);

        Assert.Equal(AttestationFailureReason.MalformedEvidence, error.Reason);
    }

    [Fact]
    public void A_report_file_is_read_for_its_first_1184_bytes()
    {
        var platform = Platforms.Milan;
        var report = platform.SignReport(platform.NewReport());
        byte[] file = [.. report, .. Enumerable.Repeat((byte)0xAB, 64)];

        Assert.Equal(report, AttestationReport.FromFile(file).ToArray());
        Assert.Equal(100, AttestationReport.FromFile(new byte[100]).Length);
    }

    [Theory]
    [InlineData(0x00, 0x00)]
    [InlineData(0x1B, 0x01)]
    [InlineData(0x19, 0x50)]
    public async Task A_version_3_report_whose_cpuid_names_no_known_product_is_refused(byte family, byte model)
    {
        var platform = Platforms.Milan;
        var report = platform.SignReport(platform.NewReport() with { CpuidFamily = family, CpuidModel = model });

        var error = await Refused(platform, report);

        Assert.Equal(AttestationFailureReason.UnknownProduct, error.Reason);
        Assert.Equal("unknown_product", error.Code);
    }

    [Fact]
    public async Task A_product_mismatch_is_the_same_refusal_cold_and_warm()
    {
        var platform = Platforms.Turin;
        var milanCpu = platform.NewReport() with { CpuidFamily = 0x19, CpuidModel = 0x01 };
        var report = platform.SignReport(milanCpu);
        var verifier = Trusting(platform);
        await verifier.VerifyAsync(new SnpEvidence(platform.SignReport(platform.NewReport()), platform.Vcek.CertificatePem), default);
        var fresh = Trusting(platform);

        var cold = await Refused(platform, report, verifier: fresh);
        var warm = await Refused(platform, report, verifier: verifier);
        var again = await Refused(platform, report, verifier: fresh);

        Assert.Equal(AttestationFailureReason.ProductMismatch, cold.Reason);
        Assert.Equal(cold.Reason, warm.Reason);
        Assert.Equal(cold.Message, warm.Message);
        Assert.Equal(cold.Message, again.Message);
    }

    [Theory]
    [InlineData(2, "spl4")]
    [InlineData(5, "spl7")]
    public async Task A_reserved_tcb_byte_that_differs_from_the_vceks_spl_slot_is_refused(int index, string slot)
    {
        var platform = Platforms.Milan;
        var tcb = new TcbVersion(platform.Tcb.Raw | (1UL << (8 * index)));
        var report = platform.SignReport(platform.NewReport() with { ReportedTcb = tcb });

        var error = await Refused(platform, report);

        Assert.Equal(AttestationFailureReason.TcbMismatch, error.Reason);
        Assert.Contains(slot, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reserved_tcb_byte_certified_by_its_vcek_verifies()
    {
        var platform = Platforms.Turin;
        var tcb = new TcbVersion(platform.Tcb.Raw | (3UL << (8 * 5)));
        using var vcek = platform.IssueVcek(tcb: tcb);
        var report = platform.SignReport(platform.NewReport() with { ReportedTcb = tcb }, vcek);

        var claims = await Trusting(platform).VerifyAsync(new SnpEvidence(report, vcek.CertificatePem), default);

        Assert.Equal(SnpProduct.Turin, claims.Product);
    }

    [Fact]
    public async Task A_turin_reserved_tcb_byte_outside_its_vceks_slots_is_refused()
    {
        var platform = Platforms.Turin;
        var tcb = new TcbVersion(platform.Tcb.Raw | (1UL << (8 * 4)));
        var report = platform.SignReport(platform.NewReport() with { ReportedTcb = tcb });

        var error = await Refused(platform, report);

        Assert.Equal(AttestationFailureReason.TcbMismatch, error.Reason);
        Assert.Contains("spl5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vek_whose_public_key_is_not_on_the_curve_is_refused_as_an_invalid_key()
    {
        var platform = Platforms.Milan;
        using var genuineKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var point = genuineKey.ExportParameters(false).Q;
        point.Y![^1] ^= 0x01;
        byte[] uncompressed = [0x04, .. point.X!, .. point.Y];
        var parameters = new AsnWriter(AsnEncodingRules.DER);
        parameters.WriteObjectIdentifier("1.3.132.0.34");
        var offCurve = new PublicKey(new Oid("1.2.840.10045.2.1"), new AsnEncodedData(parameters.Encode()), new AsnEncodedData(uncompressed));
        using var certificate = platform.IssueVcekCertificate(offCurve);
        var pem = System.Text.Encoding.ASCII.GetBytes(certificate.ExportCertificatePem());

        var error = await Refused(platform, platform.SignReport(platform.NewReport()), pem);

        Assert.Equal(AttestationFailureReason.InvalidEndorsementKey, error.Reason);
        Assert.DoesNotContain(" at ", error.Message, StringComparison.Ordinal);
    }
}
