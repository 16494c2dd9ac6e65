using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Snp.Verify;
using Governance.Attestation.Tests.Support;

namespace Governance.Attestation.Tests.Verify;

public sealed class NegativeVectorTests
{
    [Theory]
    [MemberData(nameof(Vector.Negative), MemberType = typeof(Vector))]
    public async Task Negative_vector_fails_for_the_reason_its_EXPECT_gives(string name)
    {
        var vector = Vector.Load(name);
        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() =>
            Verifiers.Offline(vector.ValidAt).VerifyAsync(new SnpEvidence(vector.Report, vector.Certificate), default));

        // Every EXPECT.txt names the report signature as failing; the wrong-VCEK one also names SPL and hwID.
        Assert.Contains("signature", vector.Expect, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(AttestationFailureReason.ReportSignatureInvalid, error.Reason);
        Assert.Equal("report_signature_invalid", error.Code);
    }

    [Fact]
    public void Wrong_VCEK_vector_also_fails_the_TCB_and_chip_id_binding()
    {
        var vector = Vector.Load("NEG-wrong-vcek-milan");
        var report = AttestationReport.Parse(vector.Report);
        var vcek = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(vector.Certificate));
        var extensions = VekExtensions.FromCertificate(vcek);

        Assert.NotEmpty(TcbBinding.TcbDifferences(extensions, report.ReportedTcb, SnpProduct.Milan));
        Assert.False(TcbBinding.ChipIdMatches(extensions.HwId, report.ChipId, SnpProduct.Milan));
        Assert.Contains("SPL", vector.Expect, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Vector.Genuine), MemberType = typeof(Vector))]
    public async Task Any_other_vectors_VCEK_fails(string name)
    {
        var vector = Vector.Load(name);
        foreach (var other in Vector.GenuineNames.Where(n => n != name).Select(Vector.Load))
        {
            if (other.Certificate.AsSpan().SequenceEqual(vector.Certificate))
            {
                continue;
            }

            var error = await Assert.ThrowsAsync<AttestationVerificationException>(() =>
                Verifiers.Offline(vector.ValidAt).VerifyAsync(new SnpEvidence(vector.Report, other.Certificate), default));
            Assert.Contains(error.Reason, new[]
            {
                AttestationFailureReason.ReportSignatureInvalid, AttestationFailureReason.ProductMismatch,
                AttestationFailureReason.InvalidEndorsementKey, AttestationFailureReason.CertificateNotTimeValid,
                AttestationFailureReason.UntrustedCertificateChain,
            });
        }
    }

    [Theory]
    [InlineData("msteeav-aci-turin")]
    [InlineData("gosevguest-milan-v2")]
    public async Task Every_single_bit_flip_in_the_signed_part_fails(string name)
    {
        var vector = Vector.Load(name);
        var verifier = Verifiers.Offline(vector.ValidAt);
        await verifier.VerifyAsync(new SnpEvidence(vector.Report, vector.Certificate), default);
        for (var bit = 0; bit < AttestationReport.SignedLength * 8; bit++)
        {
            var tampered = (byte[])vector.Report.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            var error = await Assert.ThrowsAsync<AttestationVerificationException>(() => verifier.VerifyAsync(new SnpEvidence(tampered, vector.Certificate), default));
            Assert.NotEqual(AttestationFailureReason.EndorsementKeyUnavailable, error.Reason);
        }
    }

    [Theory]
    [MemberData(nameof(Vector.Genuine), MemberType = typeof(Vector))]
    public async Task Sampled_bit_flips_in_the_signed_part_fail(string name)
    {
        var vector = Vector.Load(name);
        var verifier = Verifiers.Offline(vector.ValidAt);
        var random = new Random(name.Length);
        for (var i = 0; i < 64; i++)
        {
            var bit = random.Next(AttestationReport.SignedLength * 8);
            var tampered = (byte[])vector.Report.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            await Assert.ThrowsAsync<AttestationVerificationException>(() => verifier.VerifyAsync(new SnpEvidence(tampered, vector.Certificate), default));
        }
    }

    [Fact]
    public async Task A_report_without_certificates_is_refused_offline()
    {
        var vector = Vector.Load("msteeav-aci-milan");
        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() => Verifiers.Offline(vector.ValidAt).VerifyAsync(new SnpEvidence(vector.Report, null), default));
        Assert.Equal(AttestationFailureReason.EndorsementKeyUnavailable, error.Reason);
    }

    [Fact]
    public async Task A_supplied_ARK_is_never_trusted()
    {
        // The table carries the simulated ASK and ARK; neither is trusted, so no chain to a pinned root exists.
        var platform = Platforms.OtherMilan;
        var report = platform.SignReport(platform.NewReport());
        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() =>
            Verifiers.Offline(Platforms.Now).VerifyAsync(new SnpEvidence(report, platform.CertificateTable()), default));
        Assert.Equal(AttestationFailureReason.UntrustedCertificateChain, error.Reason);
    }
}
