using System.Security.Cryptography;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Snp.Simulation;
using Governance.Protocol.Release;
using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.IntegrationTests.Release;

/// <summary>
/// A clean room VM as the tests play it: a wrapping key pair of its own, and evidence of each type that binds
/// the release binding unless a test changes it: a raw report signed by a simulated AMD-like platform
/// (REPORT_DATA), an Azure confidential VM's HCL report from that platform (the runtime JSON's user-data), or an
/// Azure Attestation token from a local provider (its runtime data).
/// </summary>
internal sealed class CleanRoomVm(SimulatedSnpPlatform platform, byte[] measurement) : IDisposable
{
    public RSA Key { get; } = RSA.Create(3072);

    public WrappingKey PublicKey
    {
        get
        {
            var parameters = Key.ExportParameters(false);
            return new WrappingKey { Kty = "RSA", N = Base64Url.EncodeToString(parameters.Modulus), E = Base64Url.EncodeToString(parameters.Exponent) };
        }
    }

    public ReleaseRequest Request(string contractId, string nonce, Func<AttestationReport, AttestationReport>? change = null, byte[]? manifest = null)
    {
        var binding = ReleaseBinding.Compute(Base64Url.DecodeFromChars(nonce), PublicKey);
        var report = platform.NewReport() with
        {
            ReportData = binding,
            Measurement = measurement,
            HostData = manifest is null ? new byte[32] : SHA256.HashData(manifest),
        };
        report = change?.Invoke(report) ?? report;
        var evidence = new ReleaseEvidence(
            ReleaseEvidence.SevSnp,
            Report: Convert.ToBase64String(platform.SignReport(report)),
            Certificates: Convert.ToBase64String(platform.CertificateTable()),
            Manifest: manifest is null ? null : Convert.ToBase64String(manifest));
        return new ReleaseRequest(contractId, nonce, evidence, PublicKey);
    }

    /// <summary>An <c>azure-cvm</c> request; <paramref name="userData"/> replaces the binding in the runtime JSON.</summary>
    public ReleaseRequest AzureCvmRequest(string contractId, string nonce, byte[]? userData = null)
    {
        var binding = ReleaseBinding.Compute(Base64Url.DecodeFromChars(nonce), PublicKey);
        var hcl = SimulatedHclReport.Create(platform, platform.NewReport() with { Measurement = measurement }, userData ?? binding);
        var evidence = new ReleaseEvidence(
            ReleaseEvidence.AzureCvm,
            HclReport: Convert.ToBase64String(hcl),
            Certificates: Convert.ToBase64String(platform.CertificateTable()));
        return new ReleaseRequest(contractId, nonce, evidence, PublicKey);
    }

    /// <summary>A <c>maa-token</c> request: the provider attests this VM; <paramref name="userData"/> replaces the binding in the runtime data.</summary>
    public ReleaseRequest MaaTokenRequest(string contractId, string nonce, LocalAttestationProvider provider, DateTimeOffset now, byte[]? userData = null, Uri? issuer = null)
    {
        var binding = ReleaseBinding.Compute(Base64Url.DecodeFromChars(nonce), PublicKey);
        var runtime = new Dictionary<string, object> { ["keys"] = Array.Empty<object>(), ["user-data"] = Convert.ToHexStringLower(userData ?? binding) };
        var reportData = new byte[64];
        SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(runtime)).CopyTo(reportData, 0);
        var claims = new Dictionary<string, object>
        {
            ["x-ms-attestation-type"] = "sevsnpvm",
            ["x-ms-compliance-status"] = "azure-compliant-uvm",
            ["x-ms-runtime"] = runtime,
            ["x-ms-sevsnpvm-launchmeasurement"] = Convert.ToHexStringLower(measurement),
            ["x-ms-sevsnpvm-hostdata"] = new string('0', 64),
            ["x-ms-sevsnpvm-reportdata"] = Convert.ToHexStringLower(reportData),
            ["x-ms-sevsnpvm-idkeydigest"] = new string('0', 96),
            ["x-ms-sevsnpvm-authorkeydigest"] = new string('0', 96),
            ["x-ms-sevsnpvm-familyId"] = new string('0', 32),
            ["x-ms-sevsnpvm-imageId"] = new string('0', 32),
            ["x-ms-sevsnpvm-guestsvn"] = 1,
            ["x-ms-sevsnpvm-vmpl"] = 0,
            ["x-ms-sevsnpvm-is-debuggable"] = false,
            ["x-ms-sevsnpvm-migration-allowed"] = false,
            ["x-ms-sevsnpvm-smt-allowed"] = true,
            ["x-ms-sevsnpvm-bootloader-svn"] = 4,
            ["x-ms-sevsnpvm-tee-svn"] = 0,
            ["x-ms-sevsnpvm-snpfw-svn"] = 24,
            ["x-ms-sevsnpvm-microcode-svn"] = 219,
        };
        var evidence = new ReleaseEvidence(ReleaseEvidence.MaaToken, Token: provider.Mint(claims, now, issuer));
        return new ReleaseRequest(contractId, nonce, evidence, PublicKey);
    }

    public void Dispose() => Key.Dispose();
}
