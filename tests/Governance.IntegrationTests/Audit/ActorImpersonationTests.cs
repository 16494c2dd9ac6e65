using System.Net;
using System.Net.Http.Json;
using Governance.IntegrationTests.Infrastructure;
using Governance.Protocol.Audit;
using Governance.Protocol.Contracts;

namespace Governance.IntegrationTests.Audit;

/// <summary>A consortium where a member's id is <c>system</c>, the id the service acts under.</summary>
public sealed class SystemNamedMemberFactory : GovernanceApiFactory
{
    public SystemNamedMemberFactory()
    {
        Member = AddGenesisMember("system", "member");
        Bob = AddGenesisMember("bob", "member");
    }

    public TestMember Member { get; }

    public TestMember Bob { get; }
}

public sealed class ActorImpersonationTests(SystemNamedMemberFactory factory) : IClassFixture<SystemNamedMemberFactory>
{
    [Fact]
    public async Task A_member_whose_id_is_system_is_audited_as_that_member_and_sees_its_own_entries()
    {
        using var member = factory.CreateClient(factory.Member);
        var created = await member.PostAsJsonAsync("/contracts", new ContractContent
        {
            Title = "named like the service",
            Parties = ["system", "bob"],
            CleanRoom = new CleanRoomProfile { Type = 1 },
            AttestationPolicy = new AttestationPolicySpec { Measurements = [new string('d', 96)] },
        }, ContractJson.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var contract = (await created.Content.ReadFromJsonAsync<ContractView>(ContractJson.Options))!;
        await factory.SequenceAuditAsync();

        var page = (await member.GetFromJsonAsync<AuditEntryPage>("/audit/entries?limit=1000", AuditJson.Options))!;
        var entry = Assert.Single(page.Entries, e => e.Action == "contract.created");
        Assert.Equal(("member", "system"), (entry.ActorKind, entry.ActorId));

        var events = (await member.GetFromJsonAsync<List<ContractEventView>>($"/contracts/{contract.Id}/events", ContractJson.Options))!;
        Assert.Equal(("system", "member"), (events.Single().Actor, events.Single().ActorKind));
    }
}
