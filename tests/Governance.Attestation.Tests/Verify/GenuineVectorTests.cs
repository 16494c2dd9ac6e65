using System.Globalization;
using System.Security.Cryptography;
using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Tests.Support;

namespace Governance.Attestation.Tests.Verify;

public sealed class GenuineVectorTests
{
    [Theory]
    [MemberData(nameof(Vector.Genuine), MemberType = typeof(Vector))]
    public async Task Genuine_report_verifies_against_built_in_roots_with_the_recorded_fields(string name)
    {
        var vector = Vector.Load(name);
        var claims = await Verifiers.Offline(vector.ValidAt).VerifyAsync(new SnpEvidence(vector.Report, vector.Certificate), default);

        var facts = vector.Facts;
        var report = claims.Report!;
        Assert.True(claims.ChainsToAmdRoot);
        Assert.Equal(facts["product"].Split(' ')[0], claims.Product.ToString()!.ToLowerInvariant());
        Assert.Equal(uint.Parse(facts["version"], CultureInfo.InvariantCulture), claims.ReportVersion);
        Assert.Equal(uint.Parse(facts["guest_svn"], CultureInfo.InvariantCulture), claims.GuestSvn);
        Assert.Equal(TcbFact.Hex(facts["policy"].Split(' ')[0]), report.Policy.Raw);
        Assert.Equal(facts["policy"].Contains("debug=1", StringComparison.Ordinal), claims.Debuggable);
        Assert.Equal(facts["policy"].Contains("smt=1", StringComparison.Ordinal), claims.SmtAllowed);
        Assert.Equal(facts["policy"].Contains("migrate_ma=1", StringComparison.Ordinal), claims.MigrationAgentAllowed);
        Assert.Equal(facts["family_id"], Hex(claims.FamilyId));
        Assert.Equal(facts["image_id"], Hex(claims.ImageId));
        Assert.Equal(uint.Parse(facts["vmpl"], CultureInfo.InvariantCulture), claims.Vmpl);
        Assert.Equal(uint.Parse(facts["signature_algo"], CultureInfo.InvariantCulture), report.SignatureAlgorithm);
        Assert.Equal(TcbFact.Hex(facts["platform_info"].Split(' ')[0]), claims.PlatformInfo!.Value.Raw);
        Assert.Equal(TcbFact.Hex(facts["key_info"].Split(' ')[0]), report.KeyInfo.Raw);
        Assert.Equal(facts["key_info"].Contains("=VLEK", StringComparison.Ordinal) ? SigningKeyKind.Vlek : SigningKeyKind.Vcek, claims.SigningKey);
        Assert.Equal(facts["report_data"], Hex(claims.ReportData));
        Assert.Equal(facts["measurement"], Hex(claims.Measurement));
        Assert.Equal(facts["host_data"], Hex(claims.HostData));
        Assert.Equal(facts["id_key_digest"], Hex(claims.IdKeyDigest));
        Assert.Equal(facts["author_key_digest"], Hex(claims.AuthorKeyDigest));
        Assert.Equal(facts["report_id"], Hex(report.ReportId));
        Assert.Equal(facts["report_id_ma"], Hex(report.ReportIdMa));
        Assert.Equal(facts["chip_id"], Hex(claims.ChipId!));
        Assert.Equal(facts["current_build_minor_major"], report.CurrentVersion.ToString());
        Assert.Equal(facts["committed_build_minor_major"], report.CommittedVersion.ToString());
        if (facts.TryGetValue("cpuid_fam_mod_step", out var cpuid))
        {
            Assert.Equal(cpuid, string.Create(CultureInfo.InvariantCulture, $"0x{report.CpuidFamily:x2} 0x{report.CpuidModel:x2} 0x{report.CpuidStepping:x2}"));
        }
        else
        {
            Assert.Null(report.CpuidFamily);
        }

        if (facts.TryGetValue("launch_mit_vector", out var launchMit))
        {
            Assert.Equal(TcbFact.Hex(launchMit), report.LaunchMitVector);
            Assert.Equal(TcbFact.Hex(facts["current_mit_vector"]), report.CurrentMitVector);
        }
        else
        {
            Assert.Null(report.LaunchMitVector);
        }

        AssertTcb(facts["current_tcb"], report.CurrentTcb, claims.CurrentTcb!);
        AssertTcb(facts["reported_tcb"], report.ReportedTcb, claims.ReportedTcb!);
        AssertTcb(facts["committed_tcb"], report.CommittedTcb, claims.CommittedTcb!);
        AssertTcb(facts["launch_tcb"], report.LaunchTcb, claims.LaunchTcb!);
        Assert.Equal(facts["sha384(report[0:0x2A0])"], Hex(SHA384.HashData(vector.Report.AsSpan(0, AttestationReport.SignedLength))));
        if (facts["cert_extensions"].Contains("cspID", StringComparison.Ordinal))
        {
            Assert.Equal("CN=cc-us-east-2.amazonaws.com", claims.CloudProviderId);
        }
    }

    [Theory]
    [MemberData(nameof(Vector.Genuine), MemberType = typeof(Vector))]
    public void Genuine_report_round_trips_byte_for_byte(string name)
    {
        var vector = Vector.Load(name);
        Assert.Equal(vector.Report, AttestationReport.Parse(vector.Report).ToBytes());
    }

    [Theory]
    [MemberData(nameof(Vector.Genuine), MemberType = typeof(Vector))]
    public async Task Genuine_report_verifies_with_the_certificate_in_DER(string name)
    {
        var vector = Vector.Load(name);
        var der = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(vector.Certificate)).RawData;
        var claims = await Verifiers.Offline(vector.ValidAt).VerifyAsync(new SnpEvidence(vector.Report, der), default);
        Assert.Equal(vector.Facts["measurement"], Hex(claims.Measurement));
    }

    [Fact]
    public async Task Turin_report_with_platform_info_bit_6_is_accepted()
    {
        var vector = Vector.Load("msteeav-aci-turin");
        var claims = await Verifiers.Offline(vector.ValidAt).VerifyAsync(new SnpEvidence(vector.Report, vector.Certificate), default);
        Assert.Equal(0x65UL, claims.PlatformInfo!.Value.Raw);
        Assert.True(claims.PlatformInfo.Value.IommuWriteSafe);
        Assert.Equal(new TcbComponents(BootLoader: 1, Tee: 1, Snp: 4, Microcode: 81, Fmc: 1), claims.ReportedTcb);
    }

    [Fact]
    public async Task Expired_genuine_VLEK_fails_at_todays_date_but_verifies_inside_its_validity()
    {
        var vector = Vector.Load("trustee-vlek-milan");
        var expired = await Assert.ThrowsAsync<AttestationVerificationException>(() =>
            Verifiers.Offline(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero)).VerifyAsync(new SnpEvidence(vector.Report, vector.Certificate), default));
        Assert.Equal(AttestationFailureReason.CertificateNotTimeValid, expired.Reason);

        var claims = await Verifiers.Offline(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)).VerifyAsync(new SnpEvidence(vector.Report, vector.Certificate), default);
        Assert.Equal(SigningKeyKind.Vlek, claims.SigningKey);
        Assert.True(claims.ChipIdMasked);
        Assert.Equal(1u, claims.Vmpl);
    }

    [Fact]
    public async Task Genuine_report_verifies_from_a_certificate_table_and_from_THIM_json()
    {
        var vector = Vector.Load("csc-aci-milan");
        var verifier = Verifiers.Offline(vector.ValidAt);
        var claims = await verifier.VerifyAsync(new SnpEvidence(vector.Report, vector.ReadFile("thim_host_amd_certificate.json")), default);
        Assert.Equal(SnpProduct.Milan, claims.Product);

        var vcek = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(vector.Certificate));
        var root = Governance.Attestation.Snp.Verify.AmdRoots.For(SnpProduct.Milan);
        var table = new CertificateTable(
        [
            new CertificateTableEntry(CertificateTable.VcekGuid, vcek.RawData),
            new CertificateTableEntry(CertificateTable.AskGuid, root.Intermediates[0].RawData),
            new CertificateTableEntry(CertificateTable.ArkGuid, root.Ark.RawData),
        ]).ToBytes();
        var fromTable = await Verifiers.Offline(vector.ValidAt).VerifyAsync(new SnpEvidence(vector.Report, table), default);
        Assert.Equal(claims.Measurement, fromTable.Measurement);
    }

    [Fact]
    public async Task Azure_HCL_vectors_verify_through_their_wrapper_and_expose_runtime_claims()
    {
        foreach (var name in new[] { "azure-cvm-hcl-milan", "azure-cvm-hcl-genoa" })
        {
            var vector = Vector.Load(name);
            var claims = await Verifiers.Offline(vector.ValidAt).VerifyAsync(new AzureCvmEvidence(vector.ReadFile("hcl_report.bin"), vector.Certificate), default);
            Assert.Equal(EvidenceKind.AzureCvmHclReport, claims.EvidenceKind);
            Assert.Equal(vector.Facts["report_data"], Hex(claims.ReportData));
            Assert.Contains("\"keys\"", claims.RuntimeJson, StringComparison.Ordinal);
            Assert.NotNull(claims.RuntimeUserData);
            Assert.Equal(64, claims.RuntimeUserData!.Length);
        }
    }

    private static void AssertTcb(string fact, TcbVersion raw, TcbComponents decoded)
    {
        var parts = TcbFact.Parse(fact);
        Assert.Equal(TcbFact.Hex(parts["raw"]), raw.Raw);
        Assert.Equal(byte.Parse(parts["bl"], CultureInfo.InvariantCulture), decoded.BootLoader);
        Assert.Equal(byte.Parse(parts["tee"], CultureInfo.InvariantCulture), decoded.Tee);
        Assert.Equal(byte.Parse(parts["snp"], CultureInfo.InvariantCulture), decoded.Snp);
        Assert.Equal(byte.Parse(parts["ucode"], CultureInfo.InvariantCulture), decoded.Microcode);
        Assert.Equal(parts.TryGetValue("fmc", out var fmc) ? byte.Parse(fmc, CultureInfo.InvariantCulture) : null, decoded.Fmc);
    }

    private static string Hex(byte[] value) => Convert.ToHexStringLower(value);
}
