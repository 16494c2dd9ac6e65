using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Agent;
using Governance.GuestEvidence;
using Governance.Attestation.Snp.Simulation;
using Governance.Client;
using Governance.Client.Auth;
using Governance.IntegrationTests.Release;
using Governance.Protocol.Audit;

namespace Governance.IntegrationTests.Agent;

/// <summary>
/// The VM agent against the real service: it uses a release only when the receipt verifies with the service's
/// receipt key and names this contract, this VM's wrapping key and exactly the values the response carries.
/// </summary>
public sealed class ReleaseAgentTests(ReleaseFlowFactory factory) : IClassFixture<ReleaseFlowFactory>, IDisposable
{
    private static readonly byte[] Measurement = RandomNumberGenerator.GetBytes(48);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "agent-" + Guid.NewGuid().ToString("N"));
    private readonly ReleaseDriver driver = new(factory);

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
    public async Task A_release_whose_receipt_verifies_with_the_published_key_is_written_out()
    {
        var seeded = await driver.SeedAsync(Measurement);
        using var client = Client();

        var outcome = await ReleaseAsync(client, seeded.ContractId, pinned: null);

        Assert.Equal(seeded.ContractId, outcome.Receipt.ContractId);
        Assert.Equal(seeded.Digest, outcome.Receipt.ContractDigest);
        Assert.Equal(outcome.WrappingKeyThumbprint, outcome.Receipt.WrappingKeyThumbprint);
        Assert.Equal(seeded.SecretValue, await File.ReadAllBytesAsync(Path.Combine(Output, Assert.Single(outcome.Items, i => i.Kind == "secret").File)));
    }

    [Fact]
    public async Task Keys_pinned_in_the_vm_that_did_not_sign_the_receipt_stop_the_agent_before_it_writes_anything()
    {
        var seeded = await driver.SeedAsync(Measurement);
        using var client = Client();
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pinned = new ServiceJwkSet([ServiceJwk.FromPublicKey(stranger, DateTimeOffset.UtcNow)]);

        var rejected = await Assert.ThrowsAsync<ReceiptRejectedException>(() => ReleaseAsync(client, seeded.ContractId, pinned));

        Assert.Contains("is not a receipt key of the service", rejected.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public async Task A_response_altered_on_the_way_is_refused_because_the_receipt_no_longer_matches_it()
    {
        var seeded = await driver.SeedAsync(Measurement);
        using var client = Client(new DropDatasets());

        var rejected = await Assert.ThrowsAsync<ReceiptRejectedException>(() => ReleaseAsync(client, seeded.ContractId, pinned: null));

        Assert.Contains("but the receipt names", rejected.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Output));
    }

    private GovernanceClient Client(DelegatingHandler? between = null)
    {
        HttpMessageHandler handler = factory.Server.CreateHandler();
        if (between is not null)
        {
            between.InnerHandler = handler;
            handler = between;
        }

        return new GovernanceClient(factory.Server.BaseAddress, AnonymousTokenProvider.Instance, handler);
    }

    private async Task<ReleaseOutcome> ReleaseAsync(GovernanceClient client, string contractId, ServiceJwkSet? pinned)
    {
        await using var kernel = new SimulatedTsmReportProvider(Tsm, factory.Platform, r => r with { Measurement = Measurement });
        return await new ReleaseAgent(client, new ConfigfsTsmEvidenceSource(Tsm), pinned).ReleaseAsync(contractId, Output, manifest: null, CancellationToken.None);
    }

    /// <summary>Someone between the service and the VM removes the datasets from a granted release.</summary>
    private sealed class DropDatasets : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath != "/release" || !response.IsSuccessStatusCode)
            {
                return response;
            }

            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            body["datasets"] = new JsonArray();
            response.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            return response;
        }
    }
}
