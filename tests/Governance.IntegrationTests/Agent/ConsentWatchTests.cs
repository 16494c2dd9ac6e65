using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Agent;
using Governance.Cli.Demo;
using Governance.IntegrationTests.Release;
using Governance.Protocol.Contracts;

namespace Governance.IntegrationTests.Agent;

/// <summary>
/// The agent's runtime instructions and `governance-agent watch` against the real service: runtime.json is the receipt's
/// signed instructions, and a pause stops the watch, which deletes what the release wrote.
/// </summary>
public sealed class ConsentWatchTests(ReleaseFlowFactory factory) : IClassFixture<ReleaseFlowFactory>, IDisposable
{
    private static readonly byte[] Measurement = RandomNumberGenerator.GetBytes(48);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "agent-watch-" + Guid.NewGuid().ToString("N"));

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

        var (exit, _, stderr) = await RunAsync(CancellationToken.None, "release", "--service", factory.Server.BaseAddress.ToString(), "--contract", seeded.ContractId,
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
        Assert.True(JsonNode.DeepEquals(signed["runtime"], runtime));
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
        var id = Guid.Parse(seeded.ContractId);
        using (var bob = factory.CreateClient(factory.Bob))
        {
            var signature = ContractConsentSignature.Sign(factory.Bob.PrivateKey, factory.Bob.KeyId, id, "execution", false, 1);
            Assert.Equal(HttpStatusCode.OK, (await bob.PostAsJsonAsync($"/contracts/{id}/consent",
                new ChangeConsentRequest("execution", false, 1, signature, "incident"))).StatusCode);
        }

        var (exit, stdout, stderr) = await watching;

        Assert.True(exit == AgentCommandLine.Refused, stderr);
        Assert.False(File.Exists(runtime));
        Assert.Empty(Directory.EnumerateFiles(Output, "*", SearchOption.AllDirectories));
        var stopped = JsonDocument.Parse(stdout[stdout.LastIndexOf("{\n  \"contractId\"", StringComparison.Ordinal)..]).RootElement;
        Assert.Equal("paused", stopped.GetProperty("reason").GetString());
        Assert.Equal(factory.Bob.Id, stopped.GetProperty("pausedBy")[0].GetString());
    }

    private async Task<(int Exit, string Out, string Error)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await AgentCommandLine.RunAsync(args, stdout, stderr, factory.Server.CreateHandler, cancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
