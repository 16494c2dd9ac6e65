using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Governance.Attestation;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Snp.Verify;

namespace Governance.Benchmarks.Attestation;

/// <summary>
/// Parse, cold verify (new verifier: full chain with RSA-PSS checks), warm verify (cached chain: one ECDSA verify plus
/// parsing and claims) and a raw ECDSA P-384 verify of the same report, side by side. Genuine Genoa vector.
/// Run: dotnet run -c Release --project tests/Governance.Benchmarks -- --filter '*SnpVerification*' --job short
/// </summary>
[MemoryDiagnoser]
public class SnpVerificationBenchmarks
{
    private byte[] _report = [];
    private byte[] _vcekPem = [];
    private ECDsa _vcekKey = null!;
    private byte[] _p1363 = new byte[96];
    private EvidenceVerifier _warm = null!;
    private EvidenceVerifierOptions _options = null!;
    private TimeProvider _clock = null!;

    [GlobalSetup]
    public void Setup()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "data", "snp", "msteeav-aci-genoa");
        _report = File.ReadAllBytes(Path.Combine(directory, "report.bin"));
        _vcekPem = File.ReadAllBytes(Path.Combine(directory, "vcek.pem"));
        using var certificate = X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(_vcekPem));
        _vcekKey = certificate.GetECDsaPublicKey()!;
        ReportSignatureVerifier.ToP1363(_report, _p1363);
        _clock = new FixedClock(new DateTimeOffset(certificate.NotBefore.ToUniversalTime()).AddDays(1));
        _options = new EvidenceVerifierOptions { Snp = new SnpVerificationOptions { Offline = true } };
        _warm = new EvidenceVerifier(_options, _clock);
        _warm.VerifyAsync(new SnpEvidence(_report, _vcekPem), default).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _vcekKey.Dispose();

    [Benchmark]
    public AttestationReport Parse() => AttestationReport.Parse(_report);

    [Benchmark]
    public AttestationClaims ColdVerify() =>
        new EvidenceVerifier(_options, _clock).VerifyAsync(new SnpEvidence(_report, _vcekPem), default).GetAwaiter().GetResult();

    [Benchmark]
    public AttestationClaims WarmVerify() =>
        _warm.VerifyAsync(new SnpEvidence(_report, _vcekPem), default).GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public bool RawEcdsaP384Verify() =>
        _vcekKey.VerifyData(_report.AsSpan(0, AttestationReport.SignedLength), _p1363, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
