using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Governance.Api.Auth;
using Governance.IntegrationTests.Infrastructure;
using Governance.Protocol.Contracts;

namespace Governance.IntegrationTests.Contracts;

/// <summary>The genesis of the contract HTTP tests: two parties, a member outside the contract, an auditor and an operator.</summary>
public sealed class ContractsHttpFactory : GovernanceApiFactory
{
    public ContractsHttpFactory()
    {
        Alice = AddGenesisMember("alice", Roles.Member);
        Bob = AddGenesisMember("bob", Roles.Member);
        Dave = AddGenesisMember("dave", Roles.Member);
        Carol = AddGenesisMember("carol", Roles.Auditor);
        Oscar = AddGenesisMember("oscar", Roles.Operator);
    }

    public TestMember Alice { get; }

    public TestMember Bob { get; }

    public TestMember Dave { get; }

    public TestMember Carol { get; }

    public TestMember Oscar { get; }
}

public sealed class ContractsHttpTests(ContractsHttpFactory factory) : IClassFixture<ContractsHttpFactory>
{
    private static ContractContent Content(string title) => new()
    {
        Title = title,
        Parties = ["alice", "bob"],
        CleanRoom = new CleanRoomProfile { Type = 1, Vmpl = 1 },
        AttestationPolicy = new AttestationPolicySpec { Measurements = [new string('a', 96)] },
    };

    private async Task<(Guid Id, EntityTagHeaderValue ETag)> CreateAsync(HttpClient client, string title)
    {
        var response = await client.PostAsJsonAsync("/contracts", Content(title), ContractJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync<ContractView>(ContractJson.Options))!;
        return (view.Id, response.Headers.ETag!);
    }

    private static async Task<ContractDigestView> DigestAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<ContractDigestView>($"/contracts/{id}/digest", ContractJson.Options))!;

    private static Task<HttpResponseMessage> ApproveAsync(HttpClient client, TestMember signer, Guid id, string digest) =>
        client.PostAsJsonAsync($"/contracts/{id}/approvals",
            new ApproveContractRequest(digest, ContractApprovalSignature.Sign(signer.PrivateKey, signer.KeyId, id, digest)),
            ContractJson.Options);

    [Fact]
    public async Task A_contract_that_pins_no_workload_is_refused_with_422()
    {
        using var alice = factory.CreateClient(factory.Alice);
        var unpinned = Content("any VM at all") with { AttestationPolicy = new AttestationPolicySpec() };
        var body = await ProblemAssert.IsProblem(
            await alice.PostAsJsonAsync("/contracts", unpinned, ContractJson.Options), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Pin the workload", body.GetProperty("errors").GetProperty("attestationPolicy")[0].GetString(), StringComparison.Ordinal);

        var byHostData = Content("host data") with { AttestationPolicy = new AttestationPolicySpec { HostData = [new string('b', 64)] } };
        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsJsonAsync("/contracts", byHostData, ContractJson.Options)).StatusCode);
    }

    [Fact]
    public async Task Parties_approve_the_exact_digest_with_their_keys_and_anyone_can_re_verify_it()
    {
        using var alice = factory.CreateClient(factory.Alice);
        using var bob = factory.CreateClient(factory.Bob);
        var (id, etag) = await CreateAsync(alice, "signed flow");

        // Only the proposer edits, and only with the current ETag.
        var unconditional = new HttpRequestMessage(HttpMethod.Put, $"/contracts/{id}") { Content = JsonContent.Create(Content("edited"), options: ContractJson.Options) };
        var required = await ProblemAssert.IsProblem(await alice.SendAsync(unconditional), HttpStatusCode.PreconditionRequired);
        Assert.Contains("If-Match", required.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/contracts/{id}") { Content = JsonContent.Create(Content("edited"), options: ContractJson.Options) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0-stale\""));
        await ProblemAssert.IsProblem(await alice.SendAsync(stale), HttpStatusCode.PreconditionFailed);
        var byBob = new HttpRequestMessage(HttpMethod.Put, $"/contracts/{id}") { Content = JsonContent.Create(Content("bob's"), options: ContractJson.Options) };
        byBob.Headers.IfMatch.Add(etag);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.SendAsync(byBob)).StatusCode);
        var edit = new HttpRequestMessage(HttpMethod.Put, $"/contracts/{id}") { Content = JsonContent.Create(Content("edited"), options: ContractJson.Options) };
        edit.Headers.IfMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await alice.SendAsync(edit)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync($"/contracts/{id}/propose", null)).StatusCode);
        var digest = (await DigestAsync(bob, id)).Digest;

        // Bob cannot approve with Alice's key, nor anyone with another digest.
        await ProblemAssert.IsProblem(await ApproveAsync(bob, factory.Alice, id, digest), HttpStatusCode.UnprocessableEntity);
        var other = new string('0', 64);
        await ProblemAssert.IsProblem(await ApproveAsync(alice, factory.Alice, id, other), HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.OK, (await ApproveAsync(alice, factory.Alice, id, digest)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ApproveAsync(bob, factory.Bob, id, digest)).StatusCode);
        var accepted = (await alice.GetFromJsonAsync<ContractView>($"/contracts/{id}", ContractJson.Options))!;
        Assert.Equal(ContractStateName.Accepted, accepted.State);

        var approvals = (await bob.GetFromJsonAsync<ContractApprovalsView>($"/contracts/{id}/approvals", ContractJson.Options))!;
        Assert.Equal(2, approvals.Approvals.Count);
        foreach (var approval in approvals.Approvals)
        {
            var check = ContractApprovalSignature.Verify(approval.Signature!, id, approvals.Digest, approval.PublicJwk!);
            Assert.True(check.IsValid, check.Problem);
        }

        // Any party revokes; releases stop.
        Assert.Equal(HttpStatusCode.OK, (await bob.PostAsJsonAsync($"/contracts/{id}/revoke", new RevokeContractRequest("done"), ContractJson.Options)).StatusCode);
        var revoked = (await alice.GetFromJsonAsync<ContractView>($"/contracts/{id}", ContractJson.Options))!;
        Assert.Equal(ContractStateName.Revoked, revoked.State);
    }

    [Fact]
    public async Task Only_parties_and_auditors_see_a_contract_and_operators_see_none()
    {
        using var alice = factory.CreateClient(factory.Alice);
        var (id, _) = await CreateAsync(alice, "visibility");

        using var dave = factory.CreateClient(factory.Dave);
        await ProblemAssert.IsProblem(await dave.GetAsync($"/contracts/{id}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await dave.PostAsync($"/contracts/{id}/propose", null), HttpStatusCode.NotFound);

        using var carol = factory.CreateClient(factory.Carol);
        Assert.Equal(HttpStatusCode.OK, (await carol.GetAsync($"/contracts/{id}")).StatusCode);
        await ProblemAssert.IsProblem(await carol.PostAsync($"/contracts/{id}/propose", null), HttpStatusCode.Forbidden);

        using var oscar = factory.CreateClient(factory.Oscar);
        await ProblemAssert.IsProblem(await oscar.GetAsync($"/contracts/{id}"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Parties_approving_at_the_same_moment_accept_the_contract_exactly_once()
    {
        using var alice = factory.CreateClient(factory.Alice);
        using var bob = factory.CreateClient(factory.Bob);
        var (id, _) = await CreateAsync(alice, "race");
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync($"/contracts/{id}/propose", null)).StatusCode);
        var digest = (await DigestAsync(alice, id)).Digest;

        var responses = await Task.WhenAll(ApproveAsync(alice, factory.Alice, id, digest), ApproveAsync(bob, factory.Bob, id, digest));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var events = (await alice.GetFromJsonAsync<List<ContractEventView>>($"/contracts/{id}/events", ContractJson.Options))!;
        Assert.Single(events, e => e.Kind.Contains("accept", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(2, events.Count(e => e.Kind.Contains("approv", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Parties_see_audit_entries_about_their_contracts_and_others_do_not()
    {
        using var alice = factory.CreateClient(factory.Alice);
        var (id, _) = await CreateAsync(alice, "audit visibility");
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync($"/contracts/{id}/propose", null)).StatusCode);

        using var bob = factory.CreateClient(factory.Bob);
        var page = (await bob.GetFromJsonAsync<Governance.Protocol.Audit.AuditEntryPage>($"/audit/entries?contract={id}", Governance.Protocol.Audit.AuditJson.Options))!;
        Assert.NotEmpty(page.Entries);
        Assert.All(page.Entries, e => Assert.Equal("alice", e.ActorId));
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync($"/audit/entries/{page.Entries[0].Sequence}")).StatusCode);

        using var dave = factory.CreateClient(factory.Dave);
        var none = (await dave.GetFromJsonAsync<Governance.Protocol.Audit.AuditEntryPage>($"/audit/entries?contract={id}", Governance.Protocol.Audit.AuditJson.Options))!;
        Assert.Empty(none.Entries);
        Assert.Equal(HttpStatusCode.NotFound, (await dave.GetAsync($"/audit/entries/{page.Entries[0].Sequence}")).StatusCode);
    }
}
