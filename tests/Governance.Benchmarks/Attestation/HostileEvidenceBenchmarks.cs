using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using BenchmarkDotNet.Attributes;
using Governance.Attestation;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Snp.Verify;

namespace Governance.Benchmarks.Attestation;

/// <summary>
/// What the worst evidence an anonymous caller can fit in a release body (512 KiB) costs the verifier, beside one raw
/// ECDSA P-384 verify: a certificate table of 21,000 entries over one region, and a genuine report whose PEM bundle
/// carries its VCEK after as many distinct certificates as a bundle may hold that name AMD's Genoa ASK as their subject, each a candidate
/// intermediate. Both on a cold verifier, so no cached chain helps.
/// Run: dotnet run -c Release --project tests/Governance.Benchmarks -- --filter '*HostileEvidence*' --job short
/// </summary>
[MemoryDiagnoser]
public class HostileEvidenceBenchmarks
{
    private const int BodyLimit = 512 * 1024;

    private byte[] _report = [];
    private byte[] _overfullTable = [];
    private byte[] _crowdedBundle = [];
    private byte[] _vcekPem = [];
    private ECDsa _vcekKey = null!;
    private byte[] _p1363 = new byte[96];
    private EvidenceVerifierOptions _options = null!;
    private TimeProvider _clock = null!;

    [GlobalSetup]
    public void Setup()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "data", "snp", "msteeav-aci-genoa");
        _report = File.ReadAllBytes(Path.Combine(directory, "report.bin"));
        var vcekPem = _vcekPem = File.ReadAllBytes(Path.Combine(directory, "vcek.pem"));
        using var vcek = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(vcekPem));
        _vcekKey = vcek.GetECDsaPublicKey()!;
        ReportSignatureVerifier.ToP1363(_report, _p1363);
        _clock = new FixedClock(new DateTimeOffset(vcek.NotBefore.ToUniversalTime()).AddDays(1));
        _options = new EvidenceVerifierOptions { Snp = new SnpVerificationOptions { Offline = true } };

        // As many 24-byte headers as fit, every one pointing at the same 4 KiB after them.
        var entries = (BodyLimit - 4096) / 24 - 1;
        _overfullTable = new byte[BodyLimit];
        for (var i = 0; i < entries; i++)
        {
            var header = _overfullTable.AsSpan(i * 24, 24);
            Guid.NewGuid().TryWriteBytes(header[..16], bigEndian: true, out _);
            BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)((entries + 1) * 24));
            BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 4096);
        }

        var decoys = new StringBuilder();
        for (var i = 0; i < EndorsementBundle.MaxPemCertificates - 1; i++)
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest(vcek.IssuerName, key, HashAlgorithmName.SHA384, RSASignaturePadding.Pss);
            using var decoy = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddDays(-1));
            decoys.AppendLine(decoy.ExportCertificatePem());
        }

        _crowdedBundle = [.. Encoding.ASCII.GetBytes(decoys.ToString()), .. vcekPem];
    }

    [GlobalCleanup]
    public void Cleanup() => _vcekKey.Dispose();

    [Benchmark]
    public string OverfullCertificateTable()
    {
        try
        {
            new EvidenceVerifier(_options, _clock).VerifyAsync(new SnpEvidence(_report, _overfullTable), default).GetAwaiter().GetResult();
            return "verified";
        }
        catch (AttestationVerificationException refused)
        {
            return refused.Message;
        }
    }

    [Benchmark]
    public string GenuineReportBehindSevenDecoyIntermediates()
    {
        try
        {
            return new EvidenceVerifier(_options, _clock).VerifyAsync(new SnpEvidence(_report, _crowdedBundle), default).GetAwaiter().GetResult().Product.ToString()!;
        }
        catch (AttestationVerificationException refused)
        {
            return refused.Message;
        }
    }

    /// <summary>The same genuine report with its VCEK alone, for what the decoys add.</summary>
    [Benchmark]
    public string GenuineReportAlone() =>
        new EvidenceVerifier(_options, _clock).VerifyAsync(new SnpEvidence(_report, _vcekPem), default).GetAwaiter().GetResult().Product.ToString()!;

    [Benchmark(Baseline = true)]
    public bool RawEcdsaP384Verify() =>
        _vcekKey.VerifyData(_report.AsSpan(0, AttestationReport.SignedLength), _p1363, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
