using System.Net;
using System.Net.Http.Json;
using Governance.Domain.Contracts;
using Governance.IntegrationTests.Infrastructure;
using Governance.Protocol.Contracts;

namespace Governance.IntegrationTests.Contracts;

/// <summary>What an amendment may change, and that one version is replaced at most once, through the routes parties use.</summary>
public sealed class ContractAmendmentHttpTests(ContractsHttpFactory factory) : IClassFixture<ContractsHttpFactory>
{
    private async Task<ContractView> ReadAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<ContractView>($"/contracts/{id}", ContractJson.Options))!;

    private async Task ApproveAsync(HttpClient client, TestMember party, Guid id, HttpStatusCode expected)
    {
        var digest = (await client.GetFromJsonAsync<ContractDigestView>($"/contracts/{id}/digest", ContractJson.Options))!.Digest;
        var response = await client.PostAsJsonAsync($"/contracts/{id}/approvals",
            new ApproveContractRequest(digest, ContractApprovalSignature.Sign(party.PrivateKey, party.KeyId, id, digest)), ContractJson.Options);
        Assert.True(expected == response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_amendment_that_leaves_out_a_party_is_refused_and_the_version_that_party_signed_stays_in_force()
    {
        var original = ContractChains.TwoParty("Shared study", secretOwner: "alice");
        var v1 = await ContractChains.AcceptedAsync(factory, original, factory.Alice, factory.Bob);
        using var alice = factory.CreateClient(factory.Alice);
        var draft = await alice.PostAsync($"/contracts/{v1}/amend", null);
        var v2 = (await draft.Content.ReadFromJsonAsync<ContractView>(ContractJson.Options))!.Id;

        using var edit = new HttpRequestMessage(HttpMethod.Put, $"/contracts/{v2}")
        {
            Content = JsonContent.Create(original with { Parties = ["alice"] }, options: ContractJson.Options),
        };
        edit.Headers.IfMatch.Add(draft.Headers.ETag!);
        var problem = await ProblemAssert.IsProblem(await alice.SendAsync(edit), HttpStatusCode.UnprocessableEntity);
        var faults = problem.GetProperty("errors").GetProperty("parties").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Equal([AmendmentParties.Fault("bob")], faults);

        // Alone, the proposer can get no further than its own approval: the draft still names bob.
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync($"/contracts/{v2}/propose", null)).StatusCode);
        await ApproveAsync(alice, factory.Alice, v2, HttpStatusCode.OK);
        var stillBoth = await ReadAsync(alice, v2);
        Assert.Equal(ContractStateName.Proposed, stillBoth.State);
        Assert.Equal(["alice", "bob"], stillBoth.Content.Parties);
        Assert.Equal(ContractStateName.Accepted, (await ReadAsync(alice, v1)).State);
    }

    [Fact]
    public async Task An_amendment_may_add_a_party_and_keep_the_others()
    {
        var original = ContractChains.TwoParty("Growing study", secretOwner: "alice");
        var v1 = await ContractChains.AcceptedAsync(factory, original, factory.Alice, factory.Bob);
        var v2 = await ContractChains.AmendAsync(factory, v1, original with { Parties = ["alice", "bob", "dave"] }, factory.Alice);
        using var alice = factory.CreateClient(factory.Alice);
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync($"/contracts/{v2}/propose", null)).StatusCode);

        await ContractChains.ApproveAllAsync(factory, v2, factory.Alice, factory.Bob, factory.Dave);

        Assert.Equal(ContractStateName.Accepted, (await ReadAsync(alice, v2)).State);
        Assert.Equal(ContractStateName.Superseded, (await ReadAsync(alice, v1)).State);
    }

    [Fact]
    public async Task Of_two_amendments_of_one_version_only_the_first_accepted_replaces_it_and_the_other_last_approval_is_a_409()
    {
        var original = ContractChains.TwoParty("Forked study", secretOwner: "alice");
        var v1 = await ContractChains.AcceptedAsync(factory, original, factory.Alice, factory.Bob);
        var first = await ContractChains.AmendAsync(factory, v1, original with { Title = "Forked study, alice's" }, factory.Alice);
        var second = await ContractChains.AmendAsync(factory, v1, original with { Title = "Forked study, bob's" }, factory.Bob);
        using var alice = factory.CreateClient(factory.Alice);
        using var bob = factory.CreateClient(factory.Bob);
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync($"/contracts/{first}/propose", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.PostAsync($"/contracts/{second}/propose", null)).StatusCode);

        await ContractChains.ApproveAllAsync(factory, first, factory.Alice, factory.Bob);
        await ApproveAsync(bob, factory.Bob, second, HttpStatusCode.OK);
        var digest = (await alice.GetFromJsonAsync<ContractDigestView>($"/contracts/{second}/digest", ContractJson.Options))!.Digest;
        var refused = await alice.PostAsJsonAsync($"/contracts/{second}/approvals",
            new ApproveContractRequest(digest, ContractApprovalSignature.Sign(factory.Alice.PrivateKey, factory.Alice.KeyId, second, digest)), ContractJson.Options);

        var problem = await ProblemAssert.IsProblem(refused, HttpStatusCode.Conflict);
        Assert.Contains("superseded", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var unchanged = await ReadAsync(alice, second);
        Assert.Equal(ContractStateName.Proposed, unchanged.State);
        Assert.Equal(["bob"], unchanged.ApprovedBy);
        Assert.Equal(ContractStateName.Superseded, (await ReadAsync(alice, v1)).State);
        Assert.Equal(ContractStateName.Accepted, (await ReadAsync(alice, first)).State);
    }

    [Fact]
    public async Task An_amendment_of_a_revoked_version_is_not_accepted()
    {
        var original = ContractChains.TwoParty("Revoked study", secretOwner: "alice");
        var v1 = await ContractChains.AcceptedAsync(factory, original, factory.Alice, factory.Bob);
        var v2 = await ContractChains.AmendAsync(factory, v1, original with { Title = "Revoked study, amended" }, factory.Alice);
        using var alice = factory.CreateClient(factory.Alice);
        using var bob = factory.CreateClient(factory.Bob);
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync($"/contracts/{v2}/propose", null)).StatusCode);
        await ApproveAsync(alice, factory.Alice, v2, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await bob.PostAsJsonAsync($"/contracts/{v1}/revoke", new RevokeContractRequest("We are done"), ContractJson.Options)).StatusCode);

        await ApproveAsync(bob, factory.Bob, v2, HttpStatusCode.Conflict);

        Assert.Equal(ContractStateName.Proposed, (await ReadAsync(bob, v2)).State);
        Assert.Equal(ContractStateName.Revoked, (await ReadAsync(bob, v1)).State);
    }
}
