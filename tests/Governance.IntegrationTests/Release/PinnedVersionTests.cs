using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Governance.Domain.Secrets;
using Governance.Persistence.Secrets;
using Governance.Protocol.Release;
using Jose;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Release;

/// <summary>Secret versions on the real service: a pinned version is what goes out, and every release records what it sent.</summary>
public sealed class PinnedVersionTests(ReleaseFlowFactory factory) : IClassFixture<ReleaseFlowFactory>
{
    private static readonly byte[] Measurement = RandomNumberGenerator.GetBytes(48);
    private readonly ReleaseDriver driver = new(factory);

    [Fact]
    public async Task A_pinned_version_is_released_after_the_owner_uploads_a_newer_value_and_the_receipt_and_audit_name_it()
    {
        var setup = await driver.SeedAsync(Measurement, shape: content => content with
        {
            Secrets = [.. content.Secrets.Select(s => s with { Version = 1 })],
        });
        using (var alice = factory.CreateClient(factory.Alice))
        {
            Assert.True((await alice.PutAsJsonAsync($"/secrets/{setup.SecretName}", new { valueBase64 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)) })).IsSuccessStatusCode);
        }

        using var vm = factory.NewVm(Measurement);
        var response = await driver.ReleaseAsync(vm.Request(setup.ContractId, await driver.ChallengeAsync()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var released = (await response.Content.ReadFromJsonAsync<ReleaseResponse>())!;
        Assert.Equal(setup.SecretValue, JWT.DecryptBytes(Assert.Single(released.Secrets).Jwe, vm.Key));
        var receipt = JsonSerializer.Deserialize<ReleaseReceipt>(JWT.Payload(released.Receipt), JsonSerializerOptions.Web)!;
        Assert.Contains(new ReleasedVersion($"secret:{factory.Alice.Id}/{setup.SecretName}", 1), receipt.Versions!);

        var versions = await driver.ScalarAsync(
            $"SELECT details->'versions' FROM audit_entries WHERE action = 'release.granted' AND 'contract:{setup.ContractId}' = ANY(subjects) ORDER BY sequence LIMIT 1");
        Assert.Contains($"\"item\": \"secret:{factory.Alice.Id}/{setup.SecretName}\", \"version\": 1", versions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unpinned_contract_sends_the_current_version_and_records_it()
    {
        var setup = await driver.SeedAsync(Measurement);
        var newer = RandomNumberGenerator.GetBytes(64);
        using (var alice = factory.CreateClient(factory.Alice))
        {
            Assert.True((await alice.PutAsJsonAsync($"/secrets/{setup.SecretName}", new { valueBase64 = Convert.ToBase64String(newer) })).IsSuccessStatusCode);
        }

        using var vm = factory.NewVm(Measurement);
        var released = (await (await driver.ReleaseAsync(vm.Request(setup.ContractId, await driver.ChallengeAsync()))).Content.ReadFromJsonAsync<ReleaseResponse>())!;

        Assert.Equal(newer, JWT.DecryptBytes(Assert.Single(released.Secrets).Jwe, vm.Key));
        var receipt = JsonSerializer.Deserialize<ReleaseReceipt>(JWT.Payload(released.Receipt), JsonSerializerOptions.Web)!;
        Assert.Contains(new ReleasedVersion($"secret:{factory.Alice.Id}/{setup.SecretName}", 2), receipt.Versions!);
        Assert.Equal(3, receipt.Versions!.Count);
    }

    [Fact]
    public async Task The_locked_decision_reads_the_pinned_version_as_the_snapshot_does()
    {
        var setup = await driver.SeedAsync(Measurement);
        using (var alice = factory.CreateClient(factory.Alice))
        {
            Assert.True((await alice.PutAsJsonAsync($"/secrets/{setup.SecretName}", new { valueBase64 = "AAEC" })).IsSuccessStatusCode);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var secrets = scope.ServiceProvider.GetRequiredService<ISecretStore>();
        var secret = new SecretRef(factory.Alice.Id, setup.SecretName);
        var pinned = await secrets.FindReleaseVersionsAsync([secret], new Dictionary<SecretRef, int> { [secret] = 1 });
        var current = await secrets.FindReleaseVersionsAsync([secret], new Dictionary<SecretRef, int>());

        Assert.Equal(1, Assert.Single(pinned).Version);
        Assert.Equal(2, Assert.Single(current).Version);
        Assert.Equal(setup.SecretValue, (await secrets.OpenAsync(pinned))[secret]);
    }

    [Fact]
    public async Task A_pinned_version_that_does_not_exist_releases_nothing()
    {
        var setup = await driver.SeedAsync(Measurement, shape: content => content with
        {
            Secrets = [.. content.Secrets.Select(s => s with { Version = 7 })],
        });
        using var vm = factory.NewVm(Measurement);

        Assert.Equal(["secrets.present"], await ReleaseDriver.RefusedRulesAsync(
            await driver.ReleaseAsync(vm.Request(setup.ContractId, await driver.ChallengeAsync()))));
    }
}
