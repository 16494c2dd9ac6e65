using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Governance.IntegrationTests.Infrastructure;
using Governance.IntegrationTests.Release;
using Governance.Protocol.Contracts;

namespace Governance.IntegrationTests.Consent;

/// <summary>
/// Consent switches on the real service and PostgreSQL: a party's signed pause stops releases (naming it) until that
/// party resumes, no other party lifts it, and logging comes on only when every party turned it on.
/// </summary>
public sealed class ConsentSwitchTests(ReleaseFlowFactory factory) : IClassFixture<ReleaseFlowFactory>
{
    private static readonly byte[] Measurement = RandomNumberGenerator.GetBytes(48);
    private readonly ReleaseDriver driver = new(factory);

    [Fact]
    public async Task A_pause_refuses_releases_naming_the_party_until_the_same_party_resumes_without_reapproval()
    {
        var setup = await driver.SeedAsync(Measurement);
        using var vm = factory.NewVm(Measurement);
        Assert.Equal(HttpStatusCode.OK, (await driver.ReleaseAsync(vm.Request(setup.ContractId, await driver.ChallengeAsync()))).StatusCode);

        var paused = await ChangeAsync(factory.Alice, setup.ContractId, "execution", enabled: false, sequence: 1, "DPO review of outputs");
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        var consent = (await paused.Content.ReadFromJsonAsync<ContractView>(ContractJson.Options))!.Consent!;
        Assert.False(consent.Execution);
        Assert.Equal([factory.Alice.Id], consent.PausedBy);

        var refused = await driver.ReleaseAsync(vm.Request(setup.ContractId, await driver.ChallengeAsync()));
        Assert.Equal(["contract.paused"], await ReleaseDriver.RefusedRulesAsync(refused));

        // Bob's switch is his own: he cannot lift Alice's pause.
        var bobResumes = await ChangeAsync(factory.Bob, setup.ContractId, "execution", enabled: true, sequence: 2, null);
        var conflict = await ProblemAssert.IsProblem(bobResumes, HttpStatusCode.Conflict);
        Assert.Contains(factory.Alice.Id, conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["contract.paused"], await ReleaseDriver.RefusedRulesAsync(
            await driver.ReleaseAsync(vm.Request(setup.ContractId, await driver.ChallengeAsync()))));

        Assert.Equal(HttpStatusCode.OK, (await ChangeAsync(factory.Alice, setup.ContractId, "execution", enabled: true, sequence: 2, "review done")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await driver.ReleaseAsync(vm.Request(setup.ContractId, await driver.ChallengeAsync()))).StatusCode);

        Assert.Equal("2", await driver.ScalarAsync(
            $"SELECT count(*) FROM audit_entries WHERE action = 'contract.consent_changed' AND 'contract:{setup.ContractId}' = ANY(subjects)"));
        Assert.Equal("DPO review of outputs", await driver.ScalarAsync(
            $"SELECT details->>'reason' FROM audit_entries WHERE action = 'contract.consent_changed' AND details->>'sequence' = '1' AND 'contract:{setup.ContractId}' = ANY(subjects)"));
        var detail = await driver.ScalarAsync(
            $"SELECT details::text FROM audit_entries WHERE action = 'release.denied' AND 'contract:{setup.ContractId}' = ANY(subjects) ORDER BY sequence LIMIT 1");
        Assert.Contains($"paused by {factory.Alice.Id}", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logging_and_telemetry_are_on_only_while_every_party_turned_them_on()
    {
        var setup = await driver.SeedAsync(Measurement);

        var aliceOn = await ViewAsync(await ChangeAsync(factory.Alice, setup.ContractId, "logging", enabled: true, sequence: 1, null));
        Assert.False(aliceOn.Logging);
        Assert.Equal([factory.Alice.Id], aliceOn.LoggingEnabledBy);

        var bothOn = await ViewAsync(await ChangeAsync(factory.Bob, setup.ContractId, "logging", enabled: true, sequence: 2, null));
        Assert.True(bothOn.Logging);
        Assert.False(bothOn.Telemetry);

        var bobOff = await ViewAsync(await ChangeAsync(factory.Bob, setup.ContractId, "logging", enabled: false, sequence: 3, "no more logs"));
        Assert.False(bobOff.Logging);
        Assert.True(bobOff.Execution);
    }

    [Fact]
    public async Task A_change_must_be_signed_by_the_party_over_the_next_sequence_and_only_on_an_accepted_contract()
    {
        var setup = await driver.SeedAsync(Measurement);
        var id = Guid.Parse(setup.ContractId);
        using var alice = factory.CreateClient(factory.Alice);

        // Signed by Bob's key while Alice is signed in: not one of her keys.
        var foreign = ContractConsentSignature.Sign(factory.Bob.PrivateKey, factory.Bob.KeyId, id, "execution", false, 1);
        await ProblemAssert.IsProblem(await alice.PostAsJsonAsync($"/contracts/{id}/consent",
            new ChangeConsentRequest("execution", false, 1, foreign)), HttpStatusCode.UnprocessableEntity);
        // Signed for "on" but sent as "off".
        var other = ContractConsentSignature.Sign(factory.Alice.PrivateKey, factory.Alice.KeyId, id, "execution", true, 1);
        await ProblemAssert.IsProblem(await alice.PostAsJsonAsync($"/contracts/{id}/consent",
            new ChangeConsentRequest("execution", false, 1, other)), HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblem(await alice.PostAsJsonAsync($"/contracts/{id}/consent",
            new ChangeConsentRequest("execution", false, 1, null)), HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblem(await alice.PostAsJsonAsync($"/contracts/{id}/consent",
            new ChangeConsentRequest("egress", false, 1, null)), HttpStatusCode.BadRequest);

        Assert.Equal(HttpStatusCode.OK, (await ChangeAsync(factory.Alice, setup.ContractId, "execution", enabled: false, sequence: 1, null)).StatusCode);
        // The same signed change again: its sequence is used.
        var replay = ContractConsentSignature.Sign(factory.Alice.PrivateKey, factory.Alice.KeyId, id, "execution", true, 1);
        var stale = await ProblemAssert.IsProblem(await alice.PostAsJsonAsync($"/contracts/{id}/consent",
            new ChangeConsentRequest("execution", true, 1, replay)), HttpStatusCode.Conflict);
        Assert.Equal(2, stale.GetProperty("nextSequence").GetInt32());

        var proposed = await driver.SeedAsync(Measurement, accept: false);
        await ProblemAssert.IsProblem(await ChangeAsync(factory.Alice, proposed.ContractId, "execution", enabled: false, sequence: 1, null), HttpStatusCode.Conflict);
    }

    private Task<HttpResponseMessage> ChangeAsync(TestMember member, string contractId, string consentSwitch, bool enabled, int sequence, string? reason) =>
        driver.ChangeConsentAsync(member, contractId, consentSwitch, enabled, sequence, reason);

    private static async Task<ContractConsentView> ViewAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize<ContractView>(await response.Content.ReadAsStringAsync(), ContractJson.Options)!.Consent!;
    }
}
