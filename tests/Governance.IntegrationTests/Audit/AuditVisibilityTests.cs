using System.Net;
using System.Net.Http.Json;
using Governance.Domain.Audit;
using Governance.IntegrationTests.Infrastructure;
using Governance.Persistence.Audit;
using Governance.Protocol.Audit;
using Governance.Protocol.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Audit;

public sealed class AuditVisibilityFactory : GovernanceApiFactory
{
    public AuditVisibilityFactory()
    {
        Alice = AddGenesisMember("alice", "member");
        Bob = AddGenesisMember("bob", "member");
        Dave = AddGenesisMember("dave", "member");
        Carol = AddGenesisMember("carol", "auditor");
    }

    public TestMember Alice { get; }

    public TestMember Bob { get; }

    public TestMember Dave { get; }

    public TestMember Carol { get; }
}

/// <summary>
/// Every read of entries applies the one scope: a member sees its own actions as a member and the entries about its
/// contracts, through the list, a single entry and an inclusion proof alike; an auditor sees all, the export included.
/// </summary>
public sealed class AuditVisibilityTests(AuditVisibilityFactory factory) : IClassFixture<AuditVisibilityFactory>
{
    private static async Task<Guid> CreateContractAsync(HttpClient client, params string[] parties)
    {
        var created = await client.PostAsJsonAsync("/contracts", new ContractContent
        {
            Title = "visibility",
            Parties = parties,
            CleanRoom = new CleanRoomProfile { Type = 1 },
            AttestationPolicy = new AttestationPolicySpec { Measurements = [new string('e', 96)] },
        }, ContractJson.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<ContractView>(ContractJson.Options))!.Id;
    }

    [Fact]
    public async Task A_member_sees_exactly_its_own_actions_and_its_contracts_entries_on_every_read()
    {
        using var alice = factory.CreateClient(factory.Alice);
        using var dave = factory.CreateClient(factory.Dave);
        using var auditor = factory.CreateClient(factory.Carol);
        var ours = await CreateContractAsync(alice, "alice", "bob");
        var theirs = await CreateContractAsync(dave, "dave", "bob");

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var log = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            AuditRecord[] probes =
            [
                new(AuditActor.System, "visibility.probe", [AuditSubjects.Contract(ours)], AuditOutcome.Succeeded),
                new(AuditActor.System, "visibility.probe", [AuditSubjects.Contract(theirs)], AuditOutcome.Succeeded),
                new(AuditActor.Member("alice"), "visibility.probe", [AuditSubjects.Contract(theirs)], AuditOutcome.Succeeded),
                new(AuditActor.Member("dave"), "visibility.probe", [AuditSubjects.Member("alice")], AuditOutcome.Succeeded),
                new(AuditActor.Vm("alice"), "visibility.probe", [], AuditOutcome.Denied),
                // The same contract spelt otherwise is another subject: no read may match it loosely.
                new(AuditActor.System, "visibility.probe", [$"contract:{ours.ToString("D").ToUpperInvariant()}"], AuditOutcome.Succeeded),
                new(AuditActor.System, "visibility.probe", [$"contract:{ours:B}"], AuditOutcome.Succeeded),
            ];
            foreach (var probe in probes)
            {
                await log.AppendAsync(probe);
            }
        }

        await factory.SequenceAuditAsync();
        var all = (await auditor.GetFromJsonAsync<AuditEntryPage>("/audit/entries?limit=1000", AuditJson.Options))!.Entries;
        var expected = all
            .Where(e => (e.ActorKind, e.ActorId) == ("member", "alice") || e.Subjects.Contains(AuditSubjects.Contract(ours)))
            .Select(e => e.Sequence).ToList();
        Assert.Equal(3, expected.Count(s => all.Single(e => e.Sequence == s).Action is "visibility.probe" or "contract.created"));

        var listed = (await alice.GetFromJsonAsync<AuditEntryPage>("/audit/entries?limit=1000", AuditJson.Options))!.Entries;
        Assert.Equal(expected, listed.Select(e => e.Sequence));
        foreach (var entry in all)
        {
            var visible = expected.Contains(entry.Sequence);
            Assert.Equal(visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await alice.GetAsync($"/audit/entries/{entry.Sequence}")).StatusCode);
            Assert.Equal(visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await alice.GetAsync($"/audit/entries/{entry.Sequence}/proof")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await alice.GetAsync("/audit/export")).StatusCode);
        var exported = (await auditor.GetStringAsync($"/audit/export?toSequence={all[^1].Sequence + 1}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(all.Count, exported.Length);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/audit/entries/{all[^1].Sequence}/proof")).StatusCode);
    }
}
