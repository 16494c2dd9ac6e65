using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Governance.Api.Application.Contracts;
using Governance.Domain.Release;
using Governance.Protocol.Contracts;
using Governance.Protocol.Release;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Governance.IntegrationTests.Release;

/// <summary>
/// Someone with write access to the database edits an accepted contract so that the next release goes to their VM.
/// Releases trust only the content that hashes to the digest the service sealed when every party had approved it.
/// </summary>
public sealed class ContractTamperingTests(ReleaseFlowFactory factory) : IClassFixture<ReleaseFlowFactory>
{
    private static readonly byte[] Approved = RandomNumberGenerator.GetBytes(48);
    private static readonly byte[] Attacker = RandomNumberGenerator.GetBytes(48);

    private readonly ReleaseDriver driver = new(factory);

    [Fact]
    public async Task Editing_the_measurements_of_an_accepted_contract_stops_its_releases_and_is_audited_as_tampering()
    {
        var setup = await driver.SeedAsync(Approved);
        await ExecuteAsync(
            "UPDATE contracts SET content = jsonb_set(content, '{attestationPolicy,measurements}', @m) WHERE id = @id",
            ("m", JsonSerializer.Serialize(new[] { Convert.ToHexStringLower(Attacker) })), ("id", Guid.Parse(setup.ContractId)));

        using var attackerVm = factory.NewVm(Attacker);
        var response = await driver.ReleaseAsync(attackerVm.Request(setup.ContractId, await driver.ChallengeAsync()));
        Assert.Contains(ReleaseRules.ContractDigestMismatch, await ReleaseDriver.RefusedRulesAsync(response));

        // The parties' own VM gets nothing either until the parties sort it out: the row can no longer be trusted.
        using var approvedVm = factory.NewVm(Approved);
        var honest = await driver.ReleaseAsync(approvedVm.Request(setup.ContractId, await driver.ChallengeAsync()));
        Assert.Contains(ReleaseRules.ContractDigestMismatch, await ReleaseDriver.RefusedRulesAsync(honest));

        Assert.Equal("0", await driver.ScalarAsync($"SELECT release_count FROM contracts WHERE id = '{setup.ContractId}'"));
        Assert.Equal("2", await driver.ScalarAsync(
            $"SELECT count(*) FROM audit_entries WHERE action = 'contract.tampering_detected' AND actor_kind = 'system' AND 'contract:{setup.ContractId}' = ANY(subjects)"));
    }

    [Fact]
    public async Task Rewriting_content_and_digest_together_does_not_match_the_seal()
    {
        var setup = await driver.SeedAsync(Approved);
        var content = JsonSerializer.Deserialize<ContractContent>(
            await driver.ScalarAsync($"SELECT content::text FROM contracts WHERE id = '{setup.ContractId}'"), ContractJson.Options)!;
        var forged = content with { AttestationPolicy = content.AttestationPolicy with { Measurements = [Convert.ToHexStringLower(Attacker)] } };
        await ExecuteAsync("UPDATE contracts SET content = @c::jsonb, digest = @d WHERE id = @id",
            ("c", JsonSerializer.Serialize(forged, ContractJson.Options)), ("d", ContractDigest.Compute(forged)), ("id", Guid.Parse(setup.ContractId)));

        using var attackerVm = factory.NewVm(Attacker);
        var response = await driver.ReleaseAsync(attackerVm.Request(setup.ContractId, await driver.ChallengeAsync()));
        Assert.Equal([ReleaseRules.ContractDigestMismatch], await ReleaseDriver.RefusedRulesAsync(response));
    }

    [Fact]
    public async Task The_seal_of_another_contract_does_not_fit()
    {
        var victim = await driver.SeedAsync(Approved);
        var attackers = await driver.SeedAsync(Attacker);
        await ExecuteAsync("UPDATE contracts SET content = (SELECT content FROM contracts WHERE id = @from), digest = (SELECT digest FROM contracts WHERE id = @from), "
            + "acceptance_seal = (SELECT acceptance_seal FROM contracts WHERE id = @from) WHERE id = @id",
            ("from", Guid.Parse(attackers.ContractId)), ("id", Guid.Parse(victim.ContractId)));

        using var attackerVm = factory.NewVm(Attacker);
        var response = await driver.ReleaseAsync(attackerVm.Request(victim.ContractId, await driver.ChallengeAsync()));
        Assert.Contains(ReleaseRules.ContractDigestMismatch, await ReleaseDriver.RefusedRulesAsync(response));
    }

    [Fact]
    public async Task Contracts_accepted_before_seals_are_sealed_at_start_only_when_their_approvals_prove_it()
    {
        var intact = await driver.SeedAsync(Approved);
        var edited = await driver.SeedAsync(Approved);
        await ExecuteAsync("UPDATE contracts SET acceptance_seal = NULL WHERE id = ANY(@ids)",
            ("ids", new[] { Guid.Parse(intact.ContractId), Guid.Parse(edited.ContractId) }));
        await ExecuteAsync(
            "UPDATE contracts SET content = jsonb_set(content, '{attestationPolicy,measurements}', @m) WHERE id = @id",
            ("m", JsonSerializer.Serialize(new[] { Convert.ToHexStringLower(Attacker) })), ("id", Guid.Parse(edited.ContractId)));

        using var vm = factory.NewVm(Approved);
        Assert.Equal([ReleaseRules.ContractDigestMismatch],
            await ReleaseDriver.RefusedRulesAsync(await driver.ReleaseAsync(vm.Request(intact.ContractId, await driver.ChallengeAsync()))));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await new AcceptanceSealBackfill(
                scope.ServiceProvider.GetRequiredService<Persistence.GovernanceDbContext>(),
                scope.ServiceProvider.GetRequiredService<Domain.Contracts.IContractAcceptanceSeals>(),
                NullLogger<AcceptanceSealBackfill>.Instance).RunAsync(CancellationToken.None);
        }

        Assert.Equal(HttpStatusCode.OK, (await driver.ReleaseAsync(vm.Request(intact.ContractId, await driver.ChallengeAsync()))).StatusCode);
        Assert.Equal("", await driver.ScalarAsync($"SELECT acceptance_seal FROM contracts WHERE id = '{edited.ContractId}'"));
        using var attackerVm = factory.NewVm(Attacker);
        Assert.Equal([ReleaseRules.ContractDigestMismatch],
            await ReleaseDriver.RefusedRulesAsync(await driver.ReleaseAsync(attackerVm.Request(edited.ContractId, await driver.ChallengeAsync()))));
    }

    [Fact]
    public async Task A_contract_stored_before_workloads_had_to_be_pinned_releases_to_nobody()
    {
        var setup = await driver.SeedAsync(Approved, policy: p => p with { Measurements = [] });
        using var anyVm = factory.NewVm(Attacker);
        var response = await driver.ReleaseAsync(anyVm.Request(setup.ContractId, await driver.ChallengeAsync()));
        Assert.Equal([ReleaseRules.WorkloadPinned], await ReleaseDriver.RefusedRulesAsync(response));
    }

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(name == "m" ? new NpgsqlParameter(name, NpgsqlTypes.NpgsqlDbType.Jsonb) { Value = value } : new NpgsqlParameter(name, value));
        }

        Assert.True(await command.ExecuteNonQueryAsync() > 0);
    }
}
