using System.Security.Cryptography;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Snp.Simulation;
using Governance.Protocol.Release;
using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.IntegrationTests.Release;

/// <summary>
/// A clean room VM as the tests play it: a wrapping key pair of its own, and evidence signed by a
/// simulated AMD-like platform whose REPORT_DATA is the release binding unless a test changes it.
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

    public void Dispose() => Key.Dispose();
}
