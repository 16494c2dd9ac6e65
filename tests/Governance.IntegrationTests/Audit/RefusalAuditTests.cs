using System.Net;
using System.Net.Http.Json;
using Governance.Api.Auth;
using Governance.IntegrationTests.Infrastructure;
using Governance.Protocol.Audit;
using Governance.Protocol.Contracts;

namespace Governance.IntegrationTests.Audit;

public sealed class RefusalAuditFactory : GovernanceApiFactory
{
    public RefusalAuditFactory()
    {
        Alice = AddGenesisMember("alice", Roles.Member);
        Bob = AddGenesisMember("bob", Roles.Member);
        Carol = AddGenesisMember("carol", Roles.Auditor);
    }

    public TestMember Alice { get; }

    public TestMember Bob { get; }

    public TestMember Carol { get; }
}

/// <summary>Refusals a compliance team asks about land in the audit log, though the refused change does not.</summary>
public sealed class RefusalAuditTests(RefusalAuditFactory factory) : IClassFixture<RefusalAuditFactory>
{
    private static ContractContent Content(string title) => new()
    {
        Title = title,
        Parties = ["alice", "bob"],
        CleanRoom = new CleanRoomProfile { Type = 1, Vmpl = 1 },
        AttestationPolicy = new AttestationPolicySpec { Measurements = [new string('a', 96)] },
    };

    private async Task<List<AuditEntryDto>> EntriesAsync(string query)
    {
        using var auditor = factory.CreateClient(factory.Carol);
        return [.. (await auditor.GetFromJsonAsync<AuditEntryPage>($"/audit/entries?limit=1000&{query}", AuditJson.Options))!.Entries];
    }

    private async Task<Guid> ProposedContractAsync(HttpClient alice, string title)
    {
        var created = await alice.PostAsJsonAsync("/contracts", Content(title), ContractJson.Options);
        var id = (await created.Content.ReadFromJsonAsync<ContractView>(ContractJson.Options))!.Id;
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync($"/contracts/{id}/propose", null)).StatusCode);
        return id;
    }

    [Fact]
    public async Task A_stale_digest_and_a_bad_signature_are_audited_as_refused_approvals()
    {
        using var alice = factory.CreateClient(factory.Alice);
        var id = await ProposedContractAsync(alice, "Refused approvals");
        var stale = new string('0', 64);
        var conflict = await alice.PostAsJsonAsync($"/contracts/{id}/approvals",
            new ApproveContractRequest(stale, ContractApprovalSignature.Sign(factory.Alice.PrivateKey, factory.Alice.KeyId, id, stale)), ContractJson.Options);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        var digest = (await alice.GetFromJsonAsync<ContractDigestView>($"/contracts/{id}/digest", ContractJson.Options))!.Digest;
        var forged = ContractApprovalSignature.Sign(factory.Bob.PrivateKey, factory.Bob.KeyId, id, digest);
        var unprocessable = await alice.PostAsJsonAsync($"/contracts/{id}/approvals", new ApproveContractRequest(digest, forged), ContractJson.Options);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unprocessable.StatusCode);

        var refused = await EntriesAsync($"contract={id}&action=contract.approval_refused");
        Assert.Equal([409, 422], refused.Select(e => e.Details.GetProperty("status").GetInt32()));
        Assert.All(refused, e => Assert.Equal(("alice", "denied"), (e.ActorId, e.Outcome)));
        Assert.Equal(stale, refused[0].Details.GetProperty("digest").GetString());
        Assert.Empty(await EntriesAsync($"contract={id}&action=contract.approved"));
    }

    [Fact]
    public async Task Refused_contract_content_is_audited_with_what_was_wrong()
    {
        using var alice = factory.CreateClient(factory.Alice);
        var unpinned = Content("No workload pinned") with { AttestationPolicy = new AttestationPolicySpec() };
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await alice.PostAsJsonAsync("/contracts", unpinned, ContractJson.Options)).StatusCode);

        var entry = (await EntriesAsync("action=contract.content_rejected&actor=alice")).Last();
        Assert.Equal("denied", entry.Outcome);
        Assert.True(entry.Details.GetProperty("errors").TryGetProperty("attestationPolicy", out _), entry.Details.ToString());
        Assert.Equal(["member:alice"], entry.Subjects);
    }

    [Fact]
    public async Task A_role_refusal_is_audited_with_the_operation_and_the_roles_it_needs()
    {
        using var carol = factory.CreateClient(factory.Carol);
        Assert.Equal(HttpStatusCode.Forbidden, (await carol.PostAsJsonAsync("/contracts", Content("Auditors do not draft"), ContractJson.Options)).StatusCode);

        var entry = (await EntriesAsync("action=auth.role_refused&actor=carol")).Last();
        Assert.Equal("POST /contracts", entry.Details.GetProperty("operation").GetString());
        Assert.Contains("member", entry.Details.GetProperty("requiredRoles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_content_with_a_list_far_over_its_ceiling_is_refused_quickly_as_one_fault_in_a_small_problem_and_entry()
    {
        using var alice = factory.CreateClient(factory.Alice);
        var endless = Content("Endless measurements") with { AttestationPolicy = new AttestationPolicySpec { Measurements = [.. Enumerable.Repeat("x", 255_000)] } };

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await alice.PostAsJsonAsync("/contracts", endless, ContractJson.Options);
        var body = await response.Content.ReadAsStringAsync();
        watch.Stop();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True(body.Length < 2048, $"{body.Length} characters");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
        var entry = (await EntriesAsync("action=contract.content_rejected&actor=alice")).Last();
        Assert.True(entry.Details.GetRawText().Length < 2048, $"{entry.Details.GetRawText().Length} characters");
        Assert.Equal(["attestationPolicy.measurements"], entry.Details.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_content_with_more_faults_than_a_refusal_lists_names_the_first_and_counts_the_rest_in_problem_and_entry()
    {
        using var alice = factory.CreateClient(factory.Alice);
        string[] wrong = [.. Enumerable.Range(0, 256).Select(i => $"{i:x}")];
        var faulty = Content("Many faults") with { AttestationPolicy = new AttestationPolicySpec { Measurements = wrong, HostData = wrong } };

        var problem = await ProblemAssert.IsProblem(await alice.PostAsJsonAsync("/contracts", faulty, ContractJson.Options), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(100, problem.GetProperty("errors").EnumerateObject().Sum(p => p.Value.GetArrayLength()));
        Assert.Equal(412, problem.GetProperty("omittedErrors").GetInt32());
        Assert.Contains("breaks 512 rule(s)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var entry = (await EntriesAsync("action=contract.content_rejected&actor=alice")).Last();
        Assert.Equal(100, entry.Details.GetProperty("errors").EnumerateObject().Sum(p => p.Value.GetArrayLength()));
        Assert.Equal(412, entry.Details.GetProperty("omittedErrors").GetInt32());
    }
}
