using System.Security.Cryptography;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Snp.Verify;
using Governance.GuestEvidence;
using Governance.Attestation.Snp.Simulation;

namespace Governance.IntegrationTests.Agent;

/// <summary>
/// The configfs-tsm file protocol, end to end: the agent's source creates an entry in a folder that a
/// simulated platform serves as the kernel would, and the report it gets back verifies to that platform.
/// </summary>
public sealed class ConfigfsTsmEvidenceSourceTests(SimulatedPlatformFixture fixture) : IClassFixture<SimulatedPlatformFixture>, IDisposable
{
    private readonly string _tsm = Path.Combine(Path.GetTempPath(), "tsm-" + Guid.NewGuid().ToString("N"), "report");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(_tsm)!, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    [Fact]
    public async Task A_report_with_the_requested_report_data_comes_back_signed_with_its_certificates()
    {
        await using var provider = new SimulatedTsmReportProvider(_tsm, fixture.Platform);
        var reportData = RandomNumberGenerator.GetBytes(64);

        var evidence = await new ConfigfsTsmEvidenceSource(_tsm).GetReportAsync(reportData, CancellationToken.None);

        Assert.Equal("configfs-tsm", evidence.Source);
        Assert.Equal(AttestationReport.Size, evidence.Report.Length);
        var verifier = new SnpReportVerifier(new SnpVerificationOptions { ExtraTrustedRoots = [fixture.Platform.TrustRoot] }, TimeProvider.System);
        var verified = verifier.Verify(evidence.Report, evidence.CertificateTable);
        Assert.Equal(reportData, verified.Report.ReportData);
        var table = CertificateTable.Parse(evidence.CertificateTable);
        Assert.Equal(fixture.Platform.Vcek.Certificate.RawData, table.Vcek);
        Assert.Equal(1, provider.ReportsSigned);
    }

    [Fact]
    public async Task The_entry_is_removed_after_use()
    {
        await using var provider = new SimulatedTsmReportProvider(_tsm, fixture.Platform);
        await new ConfigfsTsmEvidenceSource(_tsm).GetReportAsync(new byte[64], CancellationToken.None);
        Assert.Empty(Directory.GetDirectories(_tsm));
    }

    [Fact]
    public async Task A_privilege_level_is_written_before_the_inblob_and_counted_in_the_generation()
    {
        await using var provider = new SimulatedTsmReportProvider(_tsm, fixture.Platform);
        var evidence = await new ConfigfsTsmEvidenceSource(_tsm, privilegeLevel: 2).GetReportAsync(new byte[64], CancellationToken.None);
        Assert.Equal(2u, AttestationReport.Parse(evidence.Report).Vmpl);
    }

    [Fact]
    public async Task Another_writer_changing_the_generation_is_detected()
    {
        await using var provider = new SimulatedTsmReportProvider(_tsm, fixture.Platform) { SimulateConcurrentWriter = true };
        var error = await Assert.ThrowsAsync<EvidenceUnavailableException>(() =>
            new ConfigfsTsmEvidenceSource(_tsm).GetReportAsync(new byte[64], CancellationToken.None));
        Assert.Contains("generation 2, expected 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(_tsm));
    }

    [Fact]
    public async Task A_missing_tsm_folder_is_reported_clearly()
    {
        var error = await Assert.ThrowsAsync<EvidenceUnavailableException>(() =>
            new ConfigfsTsmEvidenceSource(_tsm).GetReportAsync(new byte[64], CancellationToken.None));
        Assert.Contains($"{_tsm} does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_that_never_answers_times_out_with_a_message()
    {
        Directory.CreateDirectory(_tsm);
        var source = new ConfigfsTsmEvidenceSource(_tsm, attributeTimeout: TimeSpan.FromMilliseconds(50));
        var error = await Assert.ThrowsAsync<EvidenceUnavailableException>(() => source.GetReportAsync(new byte[64], CancellationToken.None));
        Assert.Contains("generation stayed empty", error.Message, StringComparison.Ordinal);
    }
}
