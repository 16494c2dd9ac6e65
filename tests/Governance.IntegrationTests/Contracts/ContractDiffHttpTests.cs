using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.IntegrationTests.Infrastructure;
using Governance.Protocol.Contracts;

namespace Governance.IntegrationTests.Contracts;

/// <summary>GET /contracts/{id}/diff: an amendment's changes from an earlier version of its chain, for those who may see both.</summary>
public sealed class ContractDiffHttpTests(ContractsHttpFactory factory) : IClassFixture<ContractsHttpFactory>
{
    private static readonly ContractContent Original = ContractChains.TwoParty("Diffed study", secretOwner: "alice");

    [Fact]
    public async Task An_amendment_reads_as_its_changes_and_its_patch_names_each_by_pointer()
    {
        var v1 = await ContractChains.AcceptedAsync(factory, Original, factory.Alice, factory.Bob);
        var v2 = await ContractChains.AmendAsync(factory, v1, Original with
        {
            Secrets = [],
            CleanRoom = Original.CleanRoom with { Vmpl = 1 },
        }, factory.Bob);

        using var bob = factory.CreateClient(factory.Bob);
        var diff = (await bob.GetFromJsonAsync<ContractDiffView>($"/contracts/{v2}/diff", ContractJson.Options))!;

        Assert.Equal((v2, 2, v1, 1), (diff.ContractId, diff.Version, diff.FromContractId, diff.FromVersion));
        Assert.Equal(["secrets[\"model-key\"]: removed", "cleanRoom.vmpl: 0 → 1"], diff.Changes);
        Assert.Equal([("remove", "/secrets/0"), ("replace", "/cleanRoom/vmpl")], diff.Patch.Select(op => (op.Op, op.Path)));
        Assert.Equal(1, diff.Patch[1].Value!.Value.GetInt32());

        // The web console reads exactly these members.
        using var raw = JsonDocument.Parse(await bob.GetStringAsync($"/contracts/{v2}/diff?from=1"));
        Assert.Equal(["contractId", "version", "fromContractId", "fromVersion", "patch", "changes"], raw.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["op", "path"], raw.RootElement.GetProperty("patch")[0].EnumerateObject().Select(p => p.Name));

        // An auditor sees every contract, so every diff.
        using var carol = factory.CreateClient(factory.Carol);
        Assert.Equal(HttpStatusCode.OK, (await carol.GetAsync($"/contracts/{v2}/diff")).StatusCode);
    }

    [Fact]
    public async Task A_version_that_is_not_an_earlier_one_of_the_chain_is_a_400_and_an_unseen_contract_a_404()
    {
        var v1 = await ContractChains.AcceptedAsync(factory, Original, factory.Alice, factory.Bob);
        var v2 = await ContractChains.AmendAsync(factory, v1, Original with { Title = "Diffed study, second" }, factory.Alice);
        using var alice = factory.CreateClient(factory.Alice);

        foreach (var from in new[] { "2", "3", "0", "-1", "one", "1.0", " 1", "99999999999999999999" })
        {
            var problem = await ProblemAssert.IsProblem(await alice.GetAsync($"/contracts/{v2}/diff?from={Uri.EscapeDataString(from)}"), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("from", out _), from);
        }

        await ProblemAssert.IsProblem(await alice.GetAsync($"/contracts/{v1}/diff"), HttpStatusCode.BadRequest);

        using var dave = factory.CreateClient(factory.Dave);
        await ProblemAssert.IsProblem(await dave.GetAsync($"/contracts/{v2}/diff"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await alice.GetAsync($"/contracts/{Guid.NewGuid()}/diff"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_party_an_amendment_added_does_not_see_through_it_what_the_earlier_parties_agreed()
    {
        var v1 = await ContractChains.AcceptedAsync(factory, Original, factory.Alice, factory.Bob);
        var v2 = await ContractChains.AmendAsync(factory, v1, Original with { Parties = ["alice", "bob", "dave"] }, factory.Alice);

        using var alice = factory.CreateClient(factory.Alice);
        var diff = (await alice.GetFromJsonAsync<ContractDiffView>($"/contracts/{v2}/diff", ContractJson.Options))!;
        Assert.Equal(["parties: added dave"], diff.Changes);

        using var dave = factory.CreateClient(factory.Dave);
        Assert.Equal(HttpStatusCode.OK, (await dave.GetAsync($"/contracts/{v2}")).StatusCode);
        await ProblemAssert.IsProblem(await dave.GetAsync($"/contracts/{v2}/diff"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_third_version_compares_with_the_first_when_asked()
    {
        var v1 = await ContractChains.AcceptedAsync(factory, Original, factory.Alice, factory.Bob);
        var v2 = await ContractChains.AmendAsync(factory, v1, Original with { Title = "Second" }, factory.Alice);
        using (var alice = factory.CreateClient(factory.Alice))
        {
            await alice.PostAsync($"/contracts/{v2}/propose", null);
        }

        await ContractChains.ApproveAllAsync(factory, v2, factory.Alice, factory.Bob);
        var v3 = await ContractChains.AmendAsync(factory, v2, Original with { Title = "Third", Validity = new ContractValidity { MaxReleases = 3 } }, factory.Bob);

        using var bob = factory.CreateClient(factory.Bob);
        var fromFirst = (await bob.GetFromJsonAsync<ContractDiffView>($"/contracts/{v3}/diff?from=1", ContractJson.Options))!;
        Assert.Equal((3, v1, 1), (fromFirst.Version, fromFirst.FromContractId, fromFirst.FromVersion));
        Assert.Equal(["title: \"Diffed study\" → Third", "validity.maxReleases: added 3"], fromFirst.Changes);
        var fromSecond = (await bob.GetFromJsonAsync<ContractDiffView>($"/contracts/{v3}/diff", ContractJson.Options))!;
        Assert.Equal((v2, 2), (fromSecond.FromContractId, fromSecond.FromVersion));
        Assert.Equal(["title: Second → Third", "validity.maxReleases: added 3"], fromSecond.Changes);
    }
}
