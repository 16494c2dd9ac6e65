using System.Security.Cryptography;
using System.Text.Json;
using Governance.Agent;
using Governance.Attestation.Snp.Simulation;
using Governance.IntegrationTests.Release;
using Governance.IntegrationTests.Service;

namespace Governance.IntegrationTests.Agent;

/// <summary>The release service in confidential mode, its own build measured on a simulated platform of its own.</summary>
public sealed class ConfidentialReleaseFlowFactory : ReleaseFlowFactory
{
    public ConfidentialReleaseFlowFactory() => ServicePlatform.Configure(Settings);

    public SimulatedServicePlatform ServicePlatform { get; } = new();

    public override async ValueTask DisposeAsync()
    {
        await ServicePlatform.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>`governance-agent release --service-measurement`: the clean room checks the service before it shows it any evidence.</summary>
public sealed class AgentServiceTrustTests(ConfidentialReleaseFlowFactory factory) : IClassFixture<ConfidentialReleaseFlowFactory>, IDisposable
{
    private static readonly byte[] Measurement = RandomNumberGenerator.GetBytes(48);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "agent-trust-" + Guid.NewGuid().ToString("N"));

    private string Tsm => Path.Combine(folder, "tsm", "report");

    private string Output => Path.Combine(folder, "out");

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_approved_service_gets_the_evidence_and_its_attested_keys_verify_the_receipt()
    {
        var seeded = await new ReleaseDriver(factory).SeedAsync(Measurement);
        await using var kernel = new SimulatedTsmReportProvider(Tsm, factory.Platform, r => r with { Measurement = Measurement });

        var (exit, stdout, stderr) = await RunAsync(seeded.ContractId, factory.ServicePlatform.MeasurementHex);

        Assert.True(exit == AgentCommandLine.Released, stderr);
        using var outcome = JsonDocument.Parse(stdout);
        Assert.Equal(seeded.ContractId, outcome.RootElement.GetProperty("contractId").GetString());
        Assert.Equal(1, kernel.ReportsSigned);
    }

    [Fact]
    public async Task A_service_of_another_build_gets_no_evidence_at_all()
    {
        var seeded = await new ReleaseDriver(factory).SeedAsync(Measurement);
        await using var kernel = new SimulatedTsmReportProvider(Tsm, factory.Platform, r => r with { Measurement = Measurement });

        var (exit, _, stderr) = await RunAsync(seeded.ContractId, new string('0', 96));

        Assert.Equal(AgentCommandLine.Refused, exit);
        Assert.Contains("measurement.unapproved", stderr, StringComparison.Ordinal);
        Assert.Equal(0, kernel.ReportsSigned);
        Assert.False(Directory.Exists(Output));
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string contractId, string serviceMeasurement)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await AgentCommandLine.RunAsync(
            ["release", "--service", factory.Server.BaseAddress.ToString(), "--contract", contractId, "--out", Output, "--evidence", "configfs", "--tsm-path", Tsm,
             "--service-measurement", serviceMeasurement, "--service-extra-root", factory.ServicePlatform.RootFile],
            stdout, stderr, factory.Server.CreateHandler, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
