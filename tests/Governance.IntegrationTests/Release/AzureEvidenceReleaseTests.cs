using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Governance.Attestation.Snp.Simulation;
using Governance.Protocol.Release;
using Jose;
using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.IntegrationTests.Release;

/// <summary>
/// The release flow for the two Azure evidence types through the real endpoint on PostgreSQL: an Azure
/// confidential VM's HCL report (the runtime JSON's user-data carries the binding, REPORT_DATA[0..32] is the
/// runtime JSON's SHA-256) and an Azure Attestation token (its runtime data carries the binding).
/// </summary>
public sealed class AzureEvidenceReleaseTests(AzureReleaseFlowFactory factory) : IClassFixture<AzureReleaseFlowFactory>
{
    private static readonly byte[] Measurement = RandomNumberGenerator.GetBytes(48);
    private readonly ReleaseDriver driver = new(factory);

    [Fact]
    public async Task Azure_cvm_evidence_releases_every_value_to_the_vm_key()
    {
        var setup = await driver.SeedAsync(Measurement);
        using var vm = factory.NewVm(Measurement);

        var response = await driver.ReleaseAsync(vm.AzureCvmRequest(setup.ContractId, await driver.ChallengeAsync()));

        await AssertReleasedAsync(response, setup, vm);
    }

    [Theory]
    [InlineData("unbound user-data", "evidence.binding")]
    [InlineData("wrong measurement", "policy.measurement")]
    public async Task Azure_cvm_evidence_that_breaks_a_rule_is_refused_naming_it(string change, string rule)
    {
        var setup = await driver.SeedAsync(Measurement);
        using var vm = factory.NewVm(change == "wrong measurement" ? RandomNumberGenerator.GetBytes(48) : Measurement);
        var userData = change == "unbound user-data" ? RandomNumberGenerator.GetBytes(64) : null;

        var response = await driver.ReleaseAsync(vm.AzureCvmRequest(setup.ContractId, await driver.ChallengeAsync(), userData));

        Assert.Equal([rule], await ReleaseDriver.RefusedRulesAsync(response));
        Assert.Equal("0", await driver.ScalarAsync($"SELECT release_count FROM contracts WHERE id = '{setup.ContractId}'"));
    }

    [Fact]
    public async Task Azure_cvm_user_data_that_report_data_does_not_hash_is_refused()
    {
        var setup = await driver.SeedAsync(Measurement);
        using var vm = factory.NewVm(Measurement);
        var request = vm.AzureCvmRequest(setup.ContractId, await driver.ChallengeAsync());
        var genuine = SimulatedHclReport.Create(factory.Platform, factory.Platform.NewReport() with { Measurement = Measurement }, RandomNumberGenerator.GetBytes(64));
        // The signed report binds other runtime data; only the runtime JSON (with the right user-data) is swapped in.
        var bound = Convert.FromBase64String(request.Evidence.HclReport!);
        var forged = SimulatedHclReport.Wrap(
            genuine.AsSpan(Governance.Attestation.AzureCvm.HclReport.ReportOffset, Governance.Attestation.Snp.Abi.AttestationReport.Size),
            bound.AsSpan(Governance.Attestation.AzureCvm.HclReport.VariableDataOffset));

        var response = await driver.ReleaseAsync(request with { Evidence = request.Evidence with { HclReport = Convert.ToBase64String(forged) } });

        Assert.Equal(["evidence.verified"], await ReleaseDriver.RefusedRulesAsync(response));
    }

    [Fact]
    public async Task Maa_token_releases_every_value_to_the_vm_key()
    {
        var setup = await driver.SeedAsync(Measurement);
        using var vm = factory.NewVm(Measurement);

        var response = await driver.ReleaseAsync(vm.MaaTokenRequest(setup.ContractId, await driver.ChallengeAsync(), factory.Provider, factory.Time.GetUtcNow()));

        await AssertReleasedAsync(response, setup, vm);
        Assert.True(factory.Provider.CertsRequests >= 1);
    }

    [Theory]
    [InlineData("unbound runtime data", "evidence.binding")]
    [InlineData("wrong measurement", "policy.measurement")]
    public async Task Maa_token_that_breaks_a_rule_is_refused_naming_it(string change, string rule)
    {
        var setup = await driver.SeedAsync(Measurement);
        using var vm = factory.NewVm(change == "wrong measurement" ? RandomNumberGenerator.GetBytes(48) : Measurement);
        var userData = change == "unbound runtime data" ? RandomNumberGenerator.GetBytes(64) : null;

        var response = await driver.ReleaseAsync(vm.MaaTokenRequest(setup.ContractId, await driver.ChallengeAsync(), factory.Provider, factory.Time.GetUtcNow(), userData));

        Assert.Equal([rule], await ReleaseDriver.RefusedRulesAsync(response));
        Assert.Equal("0", await driver.ScalarAsync($"SELECT release_count FROM contracts WHERE id = '{setup.ContractId}'"));
    }

    [Fact]
    public async Task Maa_token_signed_by_a_key_the_provider_does_not_publish_is_refused()
    {
        var setup = await driver.SeedAsync(Measurement);
        using var vm = factory.NewVm(Measurement);
        await using var impostor = new LocalAttestationProvider();

        var response = await driver.ReleaseAsync(vm.MaaTokenRequest(
            setup.ContractId, await driver.ChallengeAsync(), impostor, factory.Time.GetUtcNow(), issuer: factory.Provider.Issuer));

        Assert.Equal(["evidence.verified"], await ReleaseDriver.RefusedRulesAsync(response));
    }

    [Fact]
    public async Task A_maa_token_with_five_segments_that_are_not_base64url_is_refused_not_a_server_error()
    {
        var setup = await driver.SeedAsync(Measurement);
        using var vm = factory.NewVm(Measurement);
        var request = vm.MaaTokenRequest(setup.ContractId, await driver.ChallengeAsync(), factory.Provider, factory.Time.GetUtcNow());
        var parts = request.Evidence.Token!.Split('.');
        var garbled = request with { Evidence = request.Evidence with { Token = $"{parts[0]}.{parts[1][..40]}\u0004\\6ow7.\u0017V5.{parts[2]}.x\u00f2" } };

        var response = await driver.ReleaseAsync(garbled);

        Assert.Equal(["evidence.verified"], await ReleaseDriver.RefusedRulesAsync(response));
    }

    private async Task AssertReleasedAsync(HttpResponseMessage response, Seeded setup, CleanRoomVm vm)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var released = (await response.Content.ReadFromJsonAsync<ReleaseResponse>())!;
        var secret = Assert.Single(released.Secrets);
        Assert.Equal((factory.Alice.Id, setup.SecretName), (secret.Owner, secret.Name));
        Assert.Equal(("RSA-OAEP-256", "A256GCM"), ((string)JWT.Headers(secret.Jwe)["alg"], (string)JWT.Headers(secret.Jwe)["enc"]));
        Assert.Equal(setup.SecretValue, JWT.DecryptBytes(secret.Jwe, vm.Key));
        var dataset = Assert.Single(released.Datasets);
        Assert.Equal(setup.DatasetKey, JWT.DecryptBytes(dataset.Key, vm.Key));
        Assert.Equal(setup.DatasetCredential, JWT.DecryptBytes(dataset.Credential!, vm.Key));

        var receipt = JsonDocument.Parse(Base64Url.DecodeFromChars(released.Receipt.Split('.')[1])).RootElement;
        Assert.Equal(setup.ContractId, receipt.GetProperty("contractId").GetString());
        Assert.Equal("1", await driver.ScalarAsync($"SELECT release_count FROM contracts WHERE id = '{setup.ContractId}'"));
    }
}
