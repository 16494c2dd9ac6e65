using System.Security.Cryptography;
using System.Text.Json;
using Governance.Agent;
using Governance.IntegrationTests.Release;

namespace Governance.IntegrationTests.Agent.Azure;

/// <summary>
/// `governance-agent release --evidence azure-cvm` through its own command line against the real service: the agent
/// asks a vTPM (a software TPM behind a simulated paravisor) for an HCL report bound to its release, reads the
/// VCEK chain from a local instance metadata endpoint, and the service verifies what it hands on.
/// </summary>
public sealed class AzureCvmAgentTests(AzureReleaseFlowFactory factory, SoftwareTpm tpm)
    : IClassFixture<AzureReleaseFlowFactory>, IClassFixture<SoftwareTpm>, IAsyncLifetime
{
    private static readonly byte[] Measurement = RandomNumberGenerator.GetBytes(48);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "agent-azure-" + Guid.NewGuid().ToString("N"));
    private readonly LocalInstanceMetadata metadata = new();
    private SimulatedParavisor paravisor = null!;

    private string Output => Path.Combine(folder, "out");

    public async Task InitializeAsync()
    {
        paravisor = new SimulatedParavisor(tpm, factory.Platform) { Report = r => r with { Measurement = Measurement } };
        await paravisor.ProvisionAsync();
        await metadata.StartAsync(factory.Platform);
    }

    public async Task DisposeAsync()
    {
        await paravisor.DisposeAsync();
        await metadata.DisposeAsync();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_vtpm_report_for_the_release_binding_releases_every_value()
    {
        var seeded = await new ReleaseDriver(factory).SeedAsync(Measurement);

        var (exit, stdout, stderr) = await ReleaseAsync(seeded.ContractId, paravisor.Address);

        Assert.True(exit == AgentCommandLine.Released, stderr);
        await AssertReleasedAsync(seeded, stdout, "azure-cvm");
    }

    [Fact]
    public async Task A_stale_report_that_does_not_carry_the_request_is_refused_by_the_agent_and_nothing_is_released()
    {
        var seeded = await new ReleaseDriver(factory).SeedAsync(Measurement);
        paravisor.Fresh = false;

        var (exit, stdout, stderr) = await ReleaseAsync(seeded.ContractId, paravisor.Address);

        Assert.Equal(AgentCommandLine.Refused, exit);
        Assert.Empty(stdout);
        Assert.Contains("user-data is not the data written to the report request index 0x01400002", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Output));
        Assert.Equal("0", await new ReleaseDriver(factory).ScalarAsync($"SELECT release_count FROM contracts WHERE id = '{seeded.ContractId}'"));
    }

    [Fact]
    public async Task A_report_the_policy_does_not_allow_is_refused_by_the_service()
    {
        var seeded = await new ReleaseDriver(factory).SeedAsync(Measurement);
        paravisor.Report = r => r with { Measurement = RandomNumberGenerator.GetBytes(48) };

        var (exit, _, stderr) = await ReleaseAsync(seeded.ContractId, paravisor.Address);

        Assert.Equal(AgentCommandLine.Refused, exit);
        Assert.Contains("policy.measurement", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public async Task A_vtpm_without_the_report_index_is_a_clear_refusal()
    {
        await using var bare = new SoftwareTpm();
        await bare.InitializeAsync();

        var (exit, stdout, stderr) = await ReleaseAsync(Guid.NewGuid().ToString(), $"tcp:{bare.Endpoint}");

        Assert.Equal(AgentCommandLine.Refused, exit);
        Assert.Empty(stdout);
        Assert.Contains("has no HCL report index 0x01400001", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_vtpm_is_a_clear_refusal()
    {
        var (exit, _, stderr) = await ReleaseAsync(Guid.NewGuid().ToString(), "tcp:127.0.0.1:9");

        Assert.Equal(AgentCommandLine.Refused, exit);
        Assert.Contains("cannot connect to the TPM at tcp:127.0.0.1:9", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tcp:localhost:2321")]
    [InlineData("tcp:127.0.0.1")]
    public async Task A_tpm_address_that_is_not_ip_and_port_is_a_usage_error(string address)
    {
        var (exit, _, stderr) = await ReleaseAsync(Guid.NewGuid().ToString(), address);

        Assert.Equal(AgentCommandLine.Usage, exit);
        Assert.Contains("is not tcp:ADDRESS:PORT", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_azure_attestation_token_for_the_vtpm_report_releases_every_value()
    {
        var seeded = await new ReleaseDriver(factory).SeedAsync(Measurement);
        await using var provider = new LocalMaaAttestEndpoint();
        await provider.StartAsync(factory.Platform, factory.Provider, factory.Time);

        var (exit, stdout, stderr) = await ReleaseAsync(seeded.ContractId, paravisor.Address, "maa-token", () => provider.Route(factory.Server.CreateHandler), "--maa", provider.Address.ToString());

        Assert.True(exit == AgentCommandLine.Released, stderr);
        Assert.Equal(1, provider.Attestations);
        await AssertReleasedAsync(seeded, stdout, "maa-token");
    }

    [Fact]
    public async Task Without_the_hosts_vcek_chain_maa_token_evidence_is_refused_before_the_provider_is_asked()
    {
        var seeded = await new ReleaseDriver(factory).SeedAsync(Measurement);
        await using var provider = new LocalMaaAttestEndpoint();
        await provider.StartAsync(factory.Platform, factory.Provider, factory.Time);
        await metadata.DisposeAsync();

        var (exit, stdout, stderr) = await ReleaseAsync(seeded.ContractId, paravisor.Address, "maa-token", () => provider.Route(factory.Server.CreateHandler), "--maa", provider.Address.ToString());

        Assert.Equal(AgentCommandLine.Refused, exit);
        Assert.Empty(stdout);
        Assert.Contains("gave no VCEK chain", stderr, StringComparison.Ordinal);
        Assert.Equal(0, provider.Attestations);
    }

    [Fact]
    public async Task Maa_token_evidence_without_a_provider_is_a_usage_error()
    {
        var (exit, _, stderr) = await ReleaseAsync(Guid.NewGuid().ToString(), paravisor.Address, "maa-token", factory.Server.CreateHandler);

        Assert.Equal(AgentCommandLine.Usage, exit);
        Assert.Contains("needs the attestation provider", stderr, StringComparison.Ordinal);
    }

    /// <summary>The agent's JSON names the evidence, the secret it wrote is the stored value, and the service counted one release.</summary>
    private async Task AssertReleasedAsync(Seeded seeded, string stdout, string evidence)
    {
        using var outcome = JsonDocument.Parse(stdout);
        Assert.Equal(evidence, outcome.RootElement.GetProperty("evidenceSource").GetString());
        var secret = outcome.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "secret");
        Assert.Equal(seeded.SecretValue, await File.ReadAllBytesAsync(Path.Combine(Output, secret.GetProperty("file").GetString()!)));
        Assert.Equal("1", await new ReleaseDriver(factory).ScalarAsync($"SELECT release_count FROM contracts WHERE id = '{seeded.ContractId}'"));
    }

    private Task<(int Exit, string Out, string Error)> ReleaseAsync(string contractId, string tpmAddress) =>
        ReleaseAsync(contractId, tpmAddress, "azure-cvm", factory.Server.CreateHandler);

    private async Task<(int Exit, string Out, string Error)> ReleaseAsync(string contractId, string tpmAddress, string evidence, Func<HttpMessageHandler> handler, params string[] more)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await AgentCommandLine.RunAsync(
            ["release", "--service", factory.Server.BaseAddress.ToString(), "--contract", contractId, "--out", Output,
             "--evidence", evidence, "--tpm", tpmAddress, "--thim", metadata.Thim.ToString(), .. more],
            stdout, stderr, handler, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
