using System.Security.Cryptography;
using System.Text;
using Governance.Attestation.AzureCvm;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Tests.Support;

namespace Governance.Attestation.Tests.AzureCvm;

public sealed class HclReportTests
{
    [Theory]
    [InlineData("azure-cvm-hcl-milan", 1u)]
    [InlineData("azure-cvm-hcl-genoa", 2u)]
    public void Genuine_HCL_report_parses_and_binds_its_runtime_data(string name, uint headerVersion)
    {
        var vector = Vector.Load(name);
        var hcl = HclReport.Parse(vector.ReadFile("hcl_report.bin"));
        Assert.Equal(headerVersion, hcl.HeaderVersion);
        Assert.Equal(vector.Report, hcl.SnpReport);
        Assert.Equal(HclHashType.Sha256, hcl.HashType);
        Assert.Contains("keys", hcl.RuntimeKeys);
        Assert.Contains("user-data", hcl.RuntimeKeys);
        Assert.True(hcl.RuntimeDataMatchesReport(AttestationReport.Parse(hcl.SnpReport).ReportData));
        Assert.Equal(SHA256.HashData(hcl.RuntimeData), AttestationReport.Parse(hcl.SnpReport).ReportData[..32]);
    }

    [Fact]
    public async Task Changing_the_runtime_JSON_breaks_the_report_data_binding()
    {
        var vector = Vector.Load("azure-cvm-hcl-genoa");
        var blob = vector.ReadFile("hcl_report.bin");
        var json = Encoding.UTF8.GetString(blob, HclReport.VariableDataOffset, 200);
        var at = HclReport.VariableDataOffset + json.IndexOf("HCLAkPub", StringComparison.Ordinal);
        blob[at] = (byte)'X';

        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() =>
            Verifiers.Offline(vector.ValidAt).VerifyAsync(new AzureCvmEvidence(blob, vector.Certificate), default));
        Assert.Equal(AttestationFailureReason.RuntimeDataBindingMismatch, error.Reason);
    }

    [Fact]
    public async Task Simulated_HCL_report_exposes_user_data_for_nonce_binding()
    {
        var platform = Platforms.Milan;
        var userData = RandomNumberGenerator.GetBytes(64);
        var runtime = Encoding.UTF8.GetBytes($"{{\"keys\":[],\"vm-configuration\":{{\"secure-boot\":true}},\"user-data\":\"{Convert.ToHexString(userData)}\"}}");
        var reportData = new byte[64];
        SHA256.HashData(runtime).CopyTo(reportData, 0);
        var report = platform.SignReport(platform.NewReport() with { ReportData = reportData });
        var blob = Wrap(report, runtime);

        var claims = await Verifiers.Offline(Platforms.Now, platform.TrustRoot).VerifyAsync(new AzureCvmEvidence(blob, platform.Vcek.CertificatePem), default);

        Assert.Equal(userData, claims.RuntimeUserData);
        Assert.Contains("vm-configuration", claims.RuntimeJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_wrappers_raise_the_format_exception()
    {
        Assert.Throws<SnpFormatException>(() => HclReport.Parse(new byte[10]));
        var vector = Vector.Load("azure-cvm-hcl-milan");
        var blob = vector.ReadFile("hcl_report.bin");
        blob[HclReport.RequestDataOffset + 16] = 0xFF;
        blob[HclReport.RequestDataOffset + 17] = 0xFF;
        Assert.Throws<SnpFormatException>(() => HclReport.Parse(blob));
    }

    /// <summary>Builds an HCL report (header version 2, SHA-256 runtime data) around a signed report.</summary>
    public static byte[] Wrap(byte[] report, byte[] runtime) => Governance.Attestation.Snp.Simulation.SimulatedHclReport.Wrap(report, runtime);
}
