using Governance.Domain.Members;
using Governance.Persistence.Audit;
using System.Net;
using System.Net.Http.Json;
using Governance.IntegrationTests.Infrastructure;
using Governance.Persistence;
using Governance.Protocol.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Members;

public sealed class GenesisFixture : GovernanceApiFactory
{
    public GenesisFixture()
    {
        MembershipQuorum = "unanimity";
        AllowUnsignedApprovalsForExternalIdentities = true;
        Alice = AddGenesisMember("alice", "member");
        Bob = AddGenesisMember("bob", "member", "auditor");
        Carol = AddGenesisMember("carol", "auditor");
    }

    public TestMember Alice { get; }

    public TestMember Bob { get; }

    public TestMember Carol { get; }
}

public sealed class GenesisTests(GenesisFixture factory) : IClassFixture<GenesisFixture>
{
    [Fact]
    public async Task The_bootstrap_file_founds_the_consortium_on_first_start()
    {
        using var client = factory.CreateClient(factory.Carol);
        var members = (await client.GetFromJsonAsync<List<MemberResponse>>("/members"))!;
        Assert.Equal(["alice", "bob", "carol"], members.Select(m => m.Id));
        var bob = members.Single(m => m.Id == "bob");
        Assert.Equal(["member", "auditor"], bob.Roles);
        Assert.Equal("active", bob.Status);
        Assert.Equal(factory.Bob.KeyId, Assert.Single(bob.Keys).KeyId);
        Assert.Equal("ES256", bob.Keys[0].Algorithm);

        await using var scope = factory.Services.CreateAsyncScope();
        var rules = scope.ServiceProvider.GetRequiredService<IConsortiumRules>();
        var settings = await rules.GetAsync();
        Assert.Equal("Test consortium", settings!.Name);
        Assert.Equal(Domain.Proposals.QuorumRule.Unanimity, settings.Rules.MembershipQuorum);
        Assert.True(await rules.AllowUnsignedApprovalsForExternalIdentitiesAsync());

        await scope.ServiceProvider.GetRequiredService<AuditSequencer>().CatchUpAsync();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var genesis = await db.AuditEntries.SingleAsync(e => e.Action == "consortium.genesis");
        Assert.Equal(["member:alice", "member:bob", "member:carol"], genesis.Subjects);
    }

    [Fact]
    public async Task Genesis_happens_once_even_when_the_bootstrap_file_changes()
    {
        _ = factory.Services; // the first host founded the consortium
        await using var second = new GovernanceApiFactory();
        second.Settings["ConnectionStrings:Governance"] = factory.ConnectionString;
        var eve = second.AddGenesisMember("eve", "member");
        using (var client = second.CreateClient(eve))
        {
            await ProblemAssert.IsProblem(await client.GetAsync("/members/me"), HttpStatusCode.Unauthorized);
        }

        using var alice = second.CreateClient(factory.Alice);
        var members = await alice.GetFromJsonAsync<List<MemberResponse>>("/members");
        Assert.DoesNotContain(members!, m => m.Id == "eve");
    }

    [Fact]
    public async Task Concurrent_genesis_applies_once()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        using var zed = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var document = System.Text.Json.JsonSerializer.Serialize(new
        {
            consortium = new { name = "Again" },
            members = new[] { new { id = "zed", roles = new[] { "member" }, keys = new[] { zed.ExportSubjectPublicKeyInfoPem() } } },
        });
        var genesis = Domain.Members.Genesis.Parse(document, DateTimeOffset.UtcNow);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var inner = factory.Services.CreateAsyncScope();
            return await inner.ServiceProvider.GetRequiredService<Api.Application.Membership.FoundConsortium>().HandleAsync(genesis, CancellationToken.None);
        }));
        Assert.All(results, applied => Assert.False(applied));
        await scope.ServiceProvider.GetRequiredService<AuditSequencer>().CatchUpAsync();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "consortium.genesis"));
    }
}
