using System.Security.Cryptography;
using System.Text.Json;
using Governance.Agent;
using Governance.Cli.Demo;
using Governance.IntegrationTests.Release;

namespace Governance.IntegrationTests.Agent;

/// <summary>`governance-agent release` through its own command line, against the real service.</summary>
public sealed class AgentCommandLineTests(ReleaseFlowFactory factory) : IClassFixture<ReleaseFlowFactory>, IDisposable
{
    private static readonly byte[] Measurement = RandomNumberGenerator.GetBytes(48);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "agent-cli-" + Guid.NewGuid().ToString("N"));

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
    public async Task A_granted_release_is_written_out_and_described_in_json()
    {
        var seeded = await new ReleaseDriver(factory).SeedAsync(Measurement);
        await using var kernel = new SimulatedTsmReportProvider(Tsm, factory.Platform, r => r with { Measurement = Measurement });

        var (exit, stdout, stderr) = await RunAsync("release", "--service", factory.Server.BaseAddress.ToString(), "--contract", seeded.ContractId,
            "--out", Output, "--evidence", "configfs", "--tsm-path", Tsm);

        Assert.True(exit == AgentCommandLine.Released, stderr);
        using var outcome = JsonDocument.Parse(stdout);
        Assert.Equal(seeded.ContractId, outcome.RootElement.GetProperty("contractId").GetString());
        var secret = outcome.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "secret");
        Assert.Equal(seeded.SecretValue, await File.ReadAllBytesAsync(Path.Combine(Output, secret.GetProperty("file").GetString()!)));
    }

    [Fact]
    public async Task Without_a_device_the_agent_refuses_and_writes_nothing()
    {
        var (exit, _, stderr) = await RunAsync("release", "--service", "http://127.0.0.1:9", "--contract", "c1", "--out", Output,
            "--tsm-path", Path.Combine(folder, "none", "tsm"), "--sev-guest-path", Path.Combine(folder, "none", "sev-guest"));

        Assert.Equal(AgentCommandLine.Refused, exit);
        Assert.Contains("No SEV-SNP device here", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Output));
    }

    [Theory]
    [InlineData("release", "--contract", "c1", "--out", "o")]
    [InlineData("release", "--service", "ftp://example", "--contract", "c1", "--out", "o")]
    [InlineData("release", "--service", "http://127.0.0.1:9", "--contract", "c1", "--out", "o", "--evidence", "tpm")]
    [InlineData("relase")]
    public async Task Bad_command_lines_are_usage_errors(params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(args);
        Assert.Equal(AgentCommandLine.Usage, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("error:", stderr, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await AgentCommandLine.RunAsync(args, stdout, stderr, factory.Server.CreateHandler, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
