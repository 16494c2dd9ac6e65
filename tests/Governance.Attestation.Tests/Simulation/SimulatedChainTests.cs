using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Tests.Support;

namespace Governance.Attestation.Tests.Simulation;

public sealed class SimulatedChainTests
{
    private static EvidenceVerifier Trusting(params Governance.Attestation.Snp.Simulation.SimulatedSnpPlatform[] platforms) =>
        Verifiers.Offline(Platforms.Now, [.. platforms.Select(p => p.TrustRoot)]);

    [Fact]
    public async Task Minted_VCEK_report_verifies_when_its_root_is_explicitly_trusted()
    {
        var platform = Platforms.Milan;
        var reportData = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        var report = platform.SignReport(platform.NewReport() with { ReportData = reportData, Vmpl = 2 });

        var claims = await Trusting(platform).VerifyAsync(new SnpEvidence(report, platform.Vcek.CertificatePem), default);

        Assert.Equal(reportData, claims.ReportData);
        Assert.Equal(2u, claims.Vmpl);
        Assert.Equal(SnpProduct.Milan, claims.Product);
        Assert.False(claims.ChainsToAmdRoot);
    }

    [Fact]
    public async Task In_a_pem_bundle_the_vek_that_fits_the_reports_chip_is_chosen_whatever_the_order()
    {
        var platform = Platforms.Milan;
        var report = platform.SignReport(platform.NewReport());
        using var otherChip = platform.IssueVcek(chipId: Governance.Attestation.Snp.Simulation.SimulatedSnpPlatform.NewChipId(SnpProduct.Milan));
        var askPem = System.Text.Encoding.ASCII.GetBytes(platform.Ask.ExportCertificatePem());
        byte[] bundle = [.. otherChip.CertificatePem, .. "\n"u8, .. platform.Vcek.CertificatePem, .. "\n"u8, .. askPem];

        var claims = await Trusting(platform).VerifyAsync(new SnpEvidence(report, bundle), default);

        Assert.Equal(report.AsSpan(0x1A0, 64).ToArray(), claims.ChipId);
    }

    [Fact]
    public async Task A_pem_bundle_of_more_certificates_than_a_chain_needs_is_refused_unread()
    {
        var platform = Platforms.Milan;
        var report = platform.SignReport(platform.NewReport());
        byte[] bundle = [.. Enumerable.Range(0, Governance.Attestation.Snp.Verify.EndorsementBundle.MaxPemCertificates + 1).SelectMany(_ => platform.Vcek.CertificatePem.Concat("\n"u8.ToArray()))];

        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() => Trusting(platform).VerifyAsync(new SnpEvidence(report, bundle), default));

        Assert.Equal(AttestationFailureReason.MalformedEvidence, error.Reason);
    }

    [Fact]
    public async Task Minted_chain_is_untrusted_without_the_explicit_root()
    {
        var platform = Platforms.Milan;
        var report = platform.SignReport(platform.NewReport());
        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() =>
            Verifiers.Offline(Platforms.Now).VerifyAsync(new SnpEvidence(report, platform.CertificateTable()), default));
        Assert.Equal(AttestationFailureReason.UntrustedCertificateChain, error.Reason);

        var other = await Assert.ThrowsAsync<AttestationVerificationException>(() =>
            Trusting(Platforms.OtherMilan).VerifyAsync(new SnpEvidence(report, platform.Vcek.CertificatePem), default));
        Assert.Contains(other.Reason, new[] { AttestationFailureReason.UntrustedCertificateChain, AttestationFailureReason.CertificateSignatureInvalid });
    }

    [Fact]
    public async Task Minted_VLEK_chain_verifies_through_the_ASVK()
    {
        var platform = Platforms.Milan;
        using var vlek = platform.IssueVlek();
        var report = platform.SignReport(platform.NewReport() with { KeyInfo = KeyInfo.Create(SigningKeyKind.Vlek), ChipId = new byte[64] }, vlek);

        var claims = await Trusting(platform).VerifyAsync(new SnpEvidence(report, platform.CertificateTable(vlek)), default);

        Assert.Equal(SigningKeyKind.Vlek, claims.SigningKey);
        Assert.Equal("CN=simulated-cloud.example", claims.CloudProviderId);
    }

    [Fact]
    public async Task VLEK_report_presented_with_a_VCEK_label_fails()
    {
        var platform = Platforms.Milan;
        using var vlek = platform.IssueVlek();
        var report = platform.SignReport(platform.NewReport(), vlek);
        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() =>
            Trusting(platform).VerifyAsync(new SnpEvidence(report, vlek.CertificatePem), default));
        Assert.Equal(AttestationFailureReason.InvalidEndorsementKey, error.Reason);
    }

    [Fact]
    public async Task Expired_and_not_yet_valid_endorsement_keys_fail()
    {
        var platform = Platforms.Milan;
        using var expired = platform.IssueVcek(notBefore: Platforms.Now.AddYears(-2), notAfter: Platforms.Now.AddDays(-1));
        using var future = platform.IssueVcek(notBefore: Platforms.Now.AddDays(1), notAfter: Platforms.Now.AddYears(1));
        foreach (var key in new[] { expired, future })
        {
            var report = platform.SignReport(platform.NewReport(), key);
            var error = await Assert.ThrowsAsync<AttestationVerificationException>(() =>
                Trusting(platform).VerifyAsync(new SnpEvidence(report, key.CertificatePem), default));
            Assert.Equal(AttestationFailureReason.CertificateNotTimeValid, error.Reason);
        }
    }

    [Fact]
    public async Task VCEK_with_different_SPLs_than_the_reported_TCB_fails()
    {
        var platform = Platforms.Milan;
        var lower = TcbVersion.Encode(SnpProduct.Milan, new TcbComponents(BootLoader: 4, Tee: 0, Snp: 23, Microcode: 219));
        using var key = platform.IssueVcek(tcb: lower);
        var report = platform.SignReport(platform.NewReport(), key);
        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() =>
            Trusting(platform).VerifyAsync(new SnpEvidence(report, key.CertificatePem), default));
        Assert.Equal(AttestationFailureReason.TcbMismatch, error.Reason);
        Assert.Contains("snp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Current_TCB_may_exceed_the_reported_TCB()
    {
        var platform = Platforms.Milan;
        var higher = TcbVersion.Encode(SnpProduct.Milan, new TcbComponents(BootLoader: 4, Tee: 0, Snp: 24, Microcode: 230));
        var report = platform.SignReport(platform.NewReport() with { CurrentTcb = higher, CommittedTcb = higher });
        var claims = await Trusting(platform).VerifyAsync(new SnpEvidence(report, platform.Vcek.CertificatePem), default);
        Assert.Equal(230, claims.CurrentTcb!.Microcode);
        Assert.Equal(219, claims.ReportedTcb!.Microcode);
    }

    [Fact]
    public async Task VCEK_of_another_chip_fails_the_chip_id_binding()
    {
        var platform = Platforms.Milan;
        using var key = platform.IssueVcek(chipId: Governance.Attestation.Snp.Simulation.SimulatedSnpPlatform.NewChipId(SnpProduct.Milan));
        var report = platform.SignReport(platform.NewReport(), key);
        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() =>
            Trusting(platform).VerifyAsync(new SnpEvidence(report, key.CertificatePem), default));
        Assert.Equal(AttestationFailureReason.ChipIdMismatch, error.Reason);
    }

    [Fact]
    public async Task Masked_chip_id_verifies_on_the_signature_alone()
    {
        var platform = Platforms.Milan;
        var report = platform.SignReport(platform.NewReport() with { ChipId = new byte[64] });
        var claims = await Trusting(platform).VerifyAsync(new SnpEvidence(report, platform.Vcek.CertificatePem), default);
        Assert.True(claims.ChipIdMasked);
    }

    [Fact]
    public async Task Turin_chain_uses_the_FMC_layout_and_an_8_byte_hardware_id()
    {
        var platform = Platforms.Turin;
        var report = platform.SignReport(platform.NewReport());
        var claims = await Trusting(platform).VerifyAsync(new SnpEvidence(report, platform.Vcek.CertificatePem), default);
        Assert.Equal(SnpProduct.Turin, claims.Product);
        Assert.Equal((byte)1, claims.ReportedTcb!.Fmc);
        Assert.Equal(5u, claims.ReportVersion);

        var wrongFmc = TcbVersion.Encode(SnpProduct.Turin, claims.ReportedTcb with { Fmc = 2 });
        using var key = platform.IssueVcek(tcb: wrongFmc);
        var mismatched = platform.SignReport(platform.NewReport(), key);
        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() =>
            Trusting(platform).VerifyAsync(new SnpEvidence(mismatched, key.CertificatePem), default));
        Assert.Equal(AttestationFailureReason.TcbMismatch, error.Reason);
        Assert.Contains("fmc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_claiming_another_product_than_its_chain_fails()
    {
        var platform = Platforms.Milan;
        var report = platform.SignReport(platform.NewReport() with { CpuidFamily = 0x19, CpuidModel = 0x11 });
        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() =>
            Trusting(platform).VerifyAsync(new SnpEvidence(report, platform.Vcek.CertificatePem), default));
        Assert.Contains(error.Reason, new[] { AttestationFailureReason.UntrustedCertificateChain, AttestationFailureReason.ProductMismatch });
    }

    [Fact]
    public async Task Unsigned_and_zero_signature_reports_fail()
    {
        var platform = Platforms.Milan;
        var unsigned = platform.NewReport() with { KeyInfo = KeyInfo.Create(SigningKeyKind.None) };
        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() =>
            Trusting(platform).VerifyAsync(new SnpEvidence(unsigned.ToBytes(), platform.Vcek.CertificatePem), default));
        Assert.Equal(AttestationFailureReason.UnsupportedSigningKey, error.Reason);

        var zero = platform.NewReport().ToBytes();
        var zeroError = await Assert.ThrowsAsync<AttestationVerificationException>(() =>
            Trusting(platform).VerifyAsync(new SnpEvidence(zero, platform.Vcek.CertificatePem), default));
        Assert.Equal(AttestationFailureReason.ReportSignatureInvalid, zeroError.Reason);
    }

    [Fact]
    public async Task Warm_verification_reuses_the_cached_chain()
    {
        var platform = Platforms.Milan;
        var verifier = Trusting(platform);
        var report = platform.SignReport(platform.NewReport());
        await verifier.VerifyAsync(new SnpEvidence(report, platform.CertificateTable()), default);
        Assert.Equal(1, verifier.Snp.Chains.CachedChains);
        await verifier.VerifyAsync(new SnpEvidence(report, platform.Vcek.CertificatePem), default);
        Assert.Equal(1, verifier.Snp.Chains.CachedChains);
    }
}
