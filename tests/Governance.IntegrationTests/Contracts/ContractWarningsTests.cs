using System.Net;
using System.Net.Http.Json;
using System.Text;
using Governance.IntegrationTests.Infrastructure;
using Governance.Protocol.Contracts;

namespace Governance.IntegrationTests.Contracts;

/// <summary>Creating and proposing a valid contract answer what its parties should weigh before they approve.</summary>
public sealed class ContractWarningsTests(ContractsHttpFactory factory) : IClassFixture<ContractsHttpFactory>
{
    private static ContractContent Relaxed(string title) => new()
    {
        Title = title,
        Parties = ["alice", "bob"],
        Datasets =
        [
            new DatasetSpec { Owner = "bob", Name = "claims", Location = "https://storage.example/bob/claims.parquet", Format = "parquet", KeySecret = "claims-key" },
        ],
        Secrets = [new SecretSpec { Owner = "alice", Name = "warn-uploaded" }, new SecretSpec { Owner = "bob", Name = "warn-missing" }],
        CleanRoom = new CleanRoomProfile { Type = 1, Vmpl = 1 },
        AttestationPolicy = new AttestationPolicySpec
        {
            Measurements = [new string('a', 96)],
            AllowDebug = true,
            AllowMigrationAgent = true,
            AllowMaskedChipId = true,
        },
    };

    [Fact]
    public async Task Relaxed_rules_and_secrets_not_uploaded_are_warned_about_on_create_and_propose()
    {
        using var alice = factory.CreateClient(factory.Alice);
        using var secret = new StringContent("""{"valueBase64":"dmFsdWU="}""", Encoding.UTF8, "application/json");
        Assert.True((await alice.PutAsync("/secrets/warn-uploaded", secret)).IsSuccessStatusCode);

        var created = await alice.PostAsJsonAsync("/contracts", Relaxed("Warned"), ContractJson.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = (await created.Content.ReadFromJsonAsync<ContractView>(ContractJson.Options))!;
        var expected = new[]
        {
            ("debug-allowed", "attestationPolicy.allowDebug"),
            ("migration-agent-allowed", "attestationPolicy.allowMigrationAgent"),
            ("masked-chip-id-allowed", "attestationPolicy.allowMaskedChipId"),
            ("secret-not-uploaded", "secrets[1]"),
            ("dataset-key-not-uploaded", "datasets[0].keySecret"),
        };
        Assert.Equal(expected, view.Warnings!.Select(w => (w.Code, w.Path)));

        var proposed = (await (await alice.PostAsync($"/contracts/{view.Id}/propose", null)).Content.ReadFromJsonAsync<ContractView>(ContractJson.Options))!;
        Assert.Equal(expected, proposed.Warnings!.Select(w => (w.Code, w.Path)));
    }

    [Fact]
    public async Task A_contract_that_relaxes_nothing_and_names_no_secret_has_no_warnings()
    {
        using var alice = factory.CreateClient(factory.Alice);
        var safe = Relaxed("Safe") with
        {
            Datasets = [],
            Secrets = [],
            AttestationPolicy = new AttestationPolicySpec { Measurements = [new string('b', 96)] },
        };
        var created = await alice.PostAsJsonAsync("/contracts", safe, ContractJson.Options);
        Assert.Empty((await created.Content.ReadFromJsonAsync<ContractView>(ContractJson.Options))!.Warnings!);
    }

    [Fact]
    public async Task Open_egress_without_a_policy_is_refused_not_warned_about()
    {
        using var alice = factory.CreateClient(factory.Alice);
        var open = Relaxed("Open egress") with { CleanRoom = new CleanRoomProfile { Type = 1, Vmpl = 1, Egress = EgressMode.Open } };

        var problem = await ProblemAssert.IsProblem(await alice.PostAsJsonAsync("/contracts", open, ContractJson.Options), HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("cleanRoom.egressPolicy", out _), problem.ToString());
    }
}
