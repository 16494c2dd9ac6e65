using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Agent;
using Governance.Attestation.Snp.Simulation;
using Governance.IntegrationTests.Release;
using Governance.Protocol.Contracts;

namespace Governance.IntegrationTests.Agent;

/// <summary>
/// `governance-agent release` and `watch` through their own command line, against the real service: what a release
/// writes (runtime.json is the receipt's signed instructions), and a pause stopping the watch, which deletes it.
/// </summary>
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

    [Fact]
    public async Task Runtime_json_is_the_receipts_signed_egress_policy_consent_and_channel()
    {
        var seeded = await new ReleaseDriver(factory).SeedAsync(Measurement, shape: content => content with
        {
            CleanRoom = content.CleanRoom with
            {
                Egress = EgressMode.Open,
                EgressPolicy = new EgressPolicy { AllowedFormats = [new AllowedOutputFormat { Format = "onnx", AllowedOperators = ["Gemm", "Relu"] }] },
            },
        });
        await using var kernel = new SimulatedTsmReportProvider(Tsm, factory.Platform, r => r with { Measurement = Measurement });

        var (exit, _, stderr) = await RunAsync("release", "--service", factory.Server.BaseAddress.ToString(), "--contract", seeded.ContractId,
            "--out", Output, "--evidence", "configfs", "--tsm-path", Tsm);

        Assert.True(exit == AgentCommandLine.Released, stderr);
        var runtime = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Output, ReleaseAgent.RuntimeFile)))!;
        var receipt = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Output, "receipt.json")))!;
        Assert.True(JsonNode.DeepEquals(receipt["runtime"], runtime), runtime.ToJsonString());
        Assert.Equal("open", runtime["egress"]!.GetValue<string>());
        Assert.Equal("Relu", runtime["egressPolicy"]!["allowedFormats"]![0]!["allowedOperators"]![1]!.GetValue<string>());
        Assert.True(runtime["consent"]!["execution"]!.GetValue<bool>());
        Assert.False(runtime["consent"]!["logging"]!.GetValue<bool>());
        Assert.Equal($"/contracts/{seeded.ContractId}/consent-check", runtime["consentCheck"]!.GetValue<string>());
        Assert.Equal($"/contracts/{seeded.ContractId}/events", runtime["events"]!.GetValue<string>());
        // The receipt.jws the service signed says the same as receipt.json.
        var signed = JsonNode.Parse(Jose.JWT.Payload(await File.ReadAllTextAsync(Path.Combine(Output, "receipt.jws"))))!;
        Assert.True(JsonNode.DeepEquals(signed["runtime"], runtime), signed["runtime"]?.ToJsonString() + " vs " + runtime.ToJsonString());
        Assert.Equal(3, signed["versions"]!.AsArray().Count);
    }

    [Fact]
    public async Task Watch_stops_within_its_interval_when_a_party_pauses_and_deletes_the_released_files()
    {
        var seeded = await new ReleaseDriver(factory).SeedAsync(Measurement);
        await using var kernel = new SimulatedTsmReportProvider(Tsm, factory.Platform, r => r with { Measurement = Measurement });
        using var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var watching = RunAsync(bounded.Token, "watch", "--service", factory.Server.BaseAddress.ToString(), "--contract", seeded.ContractId,
            "--out", Output, "--evidence", "configfs", "--tsm-path", Tsm, "--interval", "00:00:00.100");
        var runtime = Path.Combine(Output, ReleaseAgent.RuntimeFile);
        while (!File.Exists(runtime) && !watching.IsCompleted)
        {
            await Task.Delay(50, bounded.Token);
        }

        Assert.True(File.Exists(runtime), "The watch released nothing.");
        Assert.False(watching.IsCompleted);
        Assert.Equal(HttpStatusCode.OK, (await new ReleaseDriver(factory).ChangeConsentAsync(factory.Bob, seeded.ContractId, "execution", false, 1, "incident")).StatusCode);

        var (exit, stdout, stderr) = await watching;

        Assert.True(exit == AgentCommandLine.Refused, stderr);
        Assert.False(File.Exists(runtime));
        Assert.Empty(Directory.EnumerateFiles(Output, "*", SearchOption.AllDirectories));
        var stopped = JsonDocument.Parse(stdout[stdout.LastIndexOf("{\n  \"contractId\"", StringComparison.Ordinal)..]).RootElement;
        Assert.Equal("paused", stopped.GetProperty("reason").GetString());
        Assert.Equal(factory.Bob.Id, stopped.GetProperty("pausedBy")[0].GetString());
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

    private Task<(int Exit, string Out, string Error)> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    private async Task<(int Exit, string Out, string Error)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await AgentCommandLine.RunAsync(args, stdout, stderr, factory.Server.CreateHandler, cancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
