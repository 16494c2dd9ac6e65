using System.Security.Cryptography;
using System.Text.Json;
using Governance.IntegrationTests.Cli;
using Governance.IntegrationTests.Infrastructure;
using Governance.Protocol.Audit;

namespace Governance.IntegrationTests.Service;

/// <summary>
/// A compliance team proves from an export alone that the tree head was signed inside an approved build:
/// `governance audit verify --service-measurement` accepts the head only when a service.unsealed entry's evidence, of
/// an approved measurement, binds the key that signed it.
/// </summary>
public sealed class AuditHeadAttestationTests(ConfidentialServiceFixture confidential, CliServiceFixture standard)
    : IClassFixture<ConfidentialServiceFixture>, IClassFixture<CliServiceFixture>, IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("audit-head-attestation-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task An_export_of_a_confidential_service_proves_its_head_was_signed_by_an_approved_build()
    {
        var export = await ExportAsync(confidential, confidential.Auditor.CreateToken());
        var unsealed = File.ReadLines(export).Select(l => JsonSerializer.Deserialize<AuditEntryDto>(l, AuditJson.Options)!).First(e => e.Action == "service.unsealed");

        var result = await VerifyAsync(export, "--service-measurement", confidential.SnpPlatform.MeasurementHex, "--extra-root", confidential.SnpPlatform.RootFile);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"entry {unsealed.Sequence} (service.unsealed, measurement {confidential.SnpPlatform.MeasurementHex})", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_measurement_not_approved_or_a_root_not_trusted_leaves_the_head_unattested()
    {
        var export = await ExportAsync(confidential, confidential.Auditor.CreateToken());
        var approvedFile = Path.Combine(folder.FullName, "approved.txt");
        await File.WriteAllTextAsync(approvedFile, "# another build\n" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(48)) + "\n");

        var unapproved = await VerifyAsync(export, "--measurement-file", approvedFile, "--extra-root", confidential.SnpPlatform.RootFile);
        var untrusted = await VerifyAsync(export, "--service-measurement", confidential.SnpPlatform.MeasurementHex);

        Assert.True(unapproved.ExitCode == 1, unapproved.ToString());
        Assert.Contains("head.key_unattested", unapproved.Out, StringComparison.Ordinal);
        Assert.Contains("measurement.unapproved", unapproved.Out, StringComparison.Ordinal);
        Assert.True(untrusted.ExitCode == 1, untrusted.ToString());
        Assert.Contains("head.key_unattested", untrusted.Out, StringComparison.Ordinal);
        Assert.Contains("evidence.unverified", untrusted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_of_a_service_outside_confidential_mode_has_no_attested_head()
    {
        var export = await ExportAsync(standard, standard.Carol.CreateToken());

        var result = await VerifyAsync(export, "--service-measurement", confidential.SnpPlatform.MeasurementHex, "--extra-root", confidential.SnpPlatform.RootFile, "--json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var document = JsonDocument.Parse(result.Out);
        Assert.Equal("invalid", document.RootElement.GetProperty("verdict").GetString());
        Assert.StartsWith("head.key_unattested", document.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_measurement_that_is_not_one_is_bad_input()
    {
        var export = await ExportAsync(confidential, confidential.Auditor.CreateToken());

        var result = await VerifyAsync(export, "--service-measurement", "not-hex");

        Assert.True(result.ExitCode == 2, result.ToString());
    }

    private async Task<string> ExportAsync(GovernanceApiFactory service, string auditorToken)
    {
        var path = Path.Combine(folder.FullName, $"audit-{Guid.NewGuid():N}.jsonl");
        using var cli = new CliRunner(service.Server.CreateHandler);
        var result = await cli.RunAsync("audit", "export", "--service", service.Server.BaseAddress.ToString(), "--out", path, "--token", auditorToken);
        Assert.True(result.ExitCode == 0, result.ToString());
        return path;
    }

    private static async Task<CliResult> VerifyAsync(string export, params string[] trust)
    {
        using var cli = new CliRunner();
        return await cli.RunAsync(["audit", "verify", "--export", export, "--tree-head", export + ".tree-head.json", .. trust]);
    }
}
