using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Governance.IntegrationTests.Infrastructure;
using Governance.IntegrationTests.Release;
using Governance.Protocol.Audit;
using Governance.Protocol.Contracts;
using Governance.Protocol.Release;
using Jose;

namespace Governance.IntegrationTests.Consent;

/// <summary>The release flow's service with an auditor, who exports the log.</summary>
public sealed class CleanRoomChannelFactory : ReleaseFlowFactory
{
    public TestMember Auditor { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Auditor = AddGenesisMember("carol", "auditor");
    }
}

/// <summary>
/// The released clean room's channel on the real service: consent checks answered with a statement signed by the receipt
/// key, events in the audit log under the clean room, and refusals for an unbound key, a replayed nonce, an oversized
/// event and a revoked contract.
/// </summary>
public sealed class CleanRoomChannelTests(CleanRoomChannelFactory factory) : IClassFixture<CleanRoomChannelFactory>
{
    private static readonly byte[] Measurement = RandomNumberGenerator.GetBytes(48);
    private readonly ReleaseDriver driver = new(factory);

    [Fact]
    public async Task The_bound_key_reads_the_signed_consent_and_sees_a_pause()
    {
        var setup = await driver.SeedAsync(Measurement);
        using var vm = await ReleasedVmAsync(setup.ContractId);

        var before = await CheckAsync(vm, setup.ContractId);
        Assert.True(before.Execution);
        Assert.Equal("accepted", before.State);
        Assert.Equal(JwkThumbprint.ComputeBase64Url(vm.PublicKey), before.WrappingKeyThumbprint);

        Assert.Equal(HttpStatusCode.OK, (await driver.ChangeConsentAsync(factory.Alice, setup.ContractId, "execution", false, 1, "stop")).StatusCode);

        var after = await CheckAsync(vm, setup.ContractId);
        Assert.False(after.Execution);
        Assert.Equal([factory.Alice.Id], after.PausedBy);
        Assert.Equal(1, after.ConsentSequence);
    }

    [Fact]
    public async Task Events_are_timestamped_audited_under_the_clean_room_and_verify_in_the_export()
    {
        var setup = await driver.SeedAsync(Measurement);
        using var vm = await ReleasedVmAsync(setup.ContractId);
        var attributes = new Dictionary<string, JsonElement>
        {
            ["rows"] = JsonSerializer.SerializeToElement(1200),
            ["output"] = JsonSerializer.SerializeToElement("model.onnx"),
        };

        var response = await EventAsync(vm, setup.ContractId, new CleanRoomEvent("job.finished", attributes));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = (await response.Content.ReadFromJsonAsync<CleanRoomEventReceipt>())!;
        Assert.Equal(factory.Time.GetUtcNow(), received.ReceivedAt);

        await factory.SequenceAuditAsync();
        using var auditor = factory.CreateClient(factory.Auditor);
        using var export = await auditor.GetAsync("/audit/export?format=jsonl");
        export.EnsureSuccessStatusCode();
        var head = JsonSerializer.Deserialize<TreeHeadDto>(Convert.FromBase64String(export.Headers.GetValues("Audit-Tree-Head").Single()), AuditJson.Options)!;
        var entries = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<AuditEntryDto>(l, AuditJson.Options)!).ToList();
        var keys = (await auditor.GetFromJsonAsync<ServiceJwkSet>("/keys", AuditJson.Options))!;
        var verdict = AuditExportVerifier.Verify(entries, head, keys.Keys);
        Assert.True(verdict.IsValid, verdict.Message);

        var entry = Assert.Single(entries, e => e.Action == "cleanroom.event" && e.Subjects.Contains($"contract:{setup.ContractId}"));
        Assert.Equal("vm", entry.ActorKind);
        Assert.Equal("job.finished", entry.Details.GetProperty("type").GetString());
        Assert.Equal(1200, entry.Details.GetProperty("attributes").GetProperty("rows").GetInt32());
        var granted = Assert.Single(entries, e => e.Action == "release.granted" && e.Subjects.Contains($"contract:{setup.ContractId}"));
        Assert.Equal(granted.ActorId, entry.ActorId);
    }

    [Fact]
    public async Task An_unbound_key_a_replayed_nonce_an_oversized_event_and_a_revoked_contract_are_refused()
    {
        var setup = await driver.SeedAsync(Measurement);
        using var vm = await ReleasedVmAsync(setup.ContractId);
        using var stranger = factory.NewVm(Measurement);

        var unbound = await PostAsync(stranger, setup.ContractId, "consent-check", CleanRoomStatement.ConsentCheck, await driver.ChallengeAsync());
        Assert.Equal(["channel.key_bound"], await ReleaseDriver.RefusedRulesAsync(unbound));

        var nonce = await driver.ChallengeAsync();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(vm, setup.ContractId, "consent-check", CleanRoomStatement.ConsentCheck, nonce)).StatusCode);
        Assert.Equal(["nonce.unused"], await ReleaseDriver.RefusedRulesAsync(
            await PostAsync(vm, setup.ContractId, "consent-check", CleanRoomStatement.ConsentCheck, nonce)));

        // A statement signed for a consent check is not an event.
        Assert.Equal(["channel.statement"], await ReleaseDriver.RefusedRulesAsync(
            await PostAsync(vm, setup.ContractId, "events", CleanRoomStatement.ConsentCheck, await driver.ChallengeAsync())));

        var large = new Dictionary<string, JsonElement> { ["blob"] = JsonSerializer.SerializeToElement(new string('x', 17 * 1024)) };
        await ProblemAssert.IsProblem(await EventAsync(vm, setup.ContractId, new CleanRoomEvent("job.log", large)), HttpStatusCode.RequestEntityTooLarge);
        await ProblemAssert.IsProblem(await EventAsync(vm, setup.ContractId, new CleanRoomEvent("Not A Type")), HttpStatusCode.BadRequest);

        await driver.ChangeAsync(setup.ContractId, c => c.Revoke(factory.Bob.Id, "done", factory.Time.GetUtcNow()));
        Assert.Equal(["contract.revoked"], await ReleaseDriver.RefusedRulesAsync(
            await PostAsync(vm, setup.ContractId, "consent-check", CleanRoomStatement.ConsentCheck, await driver.ChallengeAsync())));
        Assert.Equal(["contract.revoked"], await ReleaseDriver.RefusedRulesAsync(await EventAsync(vm, setup.ContractId, new CleanRoomEvent("job.finished"))));
        Assert.Equal("0", await driver.ScalarAsync(
            $"SELECT count(*) FROM audit_entries WHERE action = 'cleanroom.event' AND 'contract:{setup.ContractId}' = ANY(subjects)"));
    }

    /// <summary>Such a number was acknowledged with 200 and then, having no RFC 8785 form, replaced in the log by a poisoned-entry marker.</summary>
    [Theory]
    [InlineData("1E400")]
    [InlineData("-1e400")]
    [InlineData("1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")]
    public async Task An_event_number_beyond_a_doubles_range_is_refused_with_400_and_nothing_is_queued(string number)
    {
        var setup = await driver.SeedAsync(Measurement);
        using var vm = await ReleasedVmAsync(setup.ContractId);
        var attributes = new Dictionary<string, JsonElement> { ["a"] = JsonDocument.Parse(number).RootElement.Clone() };

        var body = await ProblemAssert.IsProblem(await EventAsync(vm, setup.ContractId, new CleanRoomEvent("job.metric", attributes)), HttpStatusCode.BadRequest);

        Assert.Contains("beyond the range", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await factory.SequenceAuditAsync();
        Assert.Equal("0", await driver.ScalarAsync(
            $"SELECT count(*) FROM audit_entries WHERE action IN ('cleanroom.event', 'audit.entry_poisoned') AND ('contract:{setup.ContractId}' = ANY(subjects) OR action = 'audit.entry_poisoned')"));
    }

    private async Task<CleanRoomVm> ReleasedVmAsync(string contractId)
    {
        var vm = factory.NewVm(Measurement);
        Assert.Equal(HttpStatusCode.OK, (await driver.ReleaseAsync(vm.Request(contractId, await driver.ChallengeAsync()))).StatusCode);
        return vm;
    }

    private async Task<ConsentStatement> CheckAsync(CleanRoomVm vm, string contractId)
    {
        var response = await PostAsync(vm, contractId, "consent-check", CleanRoomStatement.ConsentCheck, await driver.ChallengeAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var signed = (await response.Content.ReadFromJsonAsync<ConsentCheckResponse>())!.Statement;
        Assert.Equal(ConsentStatement.Type, (string)JWT.Headers(signed)["typ"]);
        using var anonymous = factory.CreateClient();
        var keys = (await anonymous.GetFromJsonAsync<ServiceJwkSet>("/keys", AuditJson.Options))!;
        using var key = keys.Keys.Single(k => k.Kid == (string)JWT.Headers(signed)["kid"]).ToECDsa();
        return JsonSerializer.Deserialize<ConsentStatement>(JWT.Decode(signed, key, JwsAlgorithm.ES256), JsonSerializerOptions.Web)!;
    }

    private async Task<HttpResponseMessage> EventAsync(CleanRoomVm vm, string contractId, CleanRoomEvent reported) =>
        await PostAsync(vm, contractId, "events", CleanRoomStatement.EventReport, await driver.ChallengeAsync(), reported);

    private async Task<HttpResponseMessage> PostAsync(
        CleanRoomVm vm, string contractId, string route, string purpose, string nonce, CleanRoomEvent? reported = null)
    {
        var proof = CleanRoomProof.Sign(vm.Key, JwkThumbprint.ComputeBase64Url(vm.PublicKey), new CleanRoomStatement(contractId, nonce, purpose, reported));
        using var client = factory.CreateClient();
        return await client.PostAsJsonAsync($"/contracts/{contractId}/{route}", new CleanRoomRequest(proof));
    }
}
