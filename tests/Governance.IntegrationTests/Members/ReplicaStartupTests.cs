using System.Net;
using System.Net.Http.Json;
using Governance.IntegrationTests.Infrastructure;
using Governance.Persistence;
using Governance.Persistence.Audit;
using Governance.Protocol.Members;
using Governance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Members;

/// <summary>
/// A first deployment starts several replicas at once over one empty database: each migrates, reads the same
/// bootstrap file and makes the service signing keys at the same moment. The schema is built once, the
/// consortium founded once, and one key made per purpose.
/// </summary>
public sealed class ReplicaStartupTests
{
    [Fact]
    public async Task Replicas_starting_together_on_an_empty_database_migrate_and_found_the_consortium_once()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("replicas");
        using var alice = TestMember.Create("alice", "member");
        using var bob = TestMember.Create("bob", "member");
        var replicas = Enumerable.Range(0, 3).Select(_ =>
        {
            var replica = new GovernanceApiFactory();
            replica.Settings["ConnectionStrings:Governance"] = connectionString;
            replica.AddGenesisMember(alice);
            replica.AddGenesisMember(bob);
            return replica;
        }).ToList();
        try
        {
            // Touching Server builds and starts the host: migrations and genesis run during start-up.
            await Task.WhenAll(replicas.Select(replica => Task.Run(() => replica.Server)));

            foreach (var replica in replicas)
            {
                using var client = replica.CreateClient(bob);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
                var members = await client.GetFromJsonAsync<List<MemberResponse>>("/members");
                Assert.Equal(["alice", "bob"], members!.Select(m => m.Id).Order());
            }

            await using var scope = replicas[0].Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AuditSequencer>().CatchUpAsync();
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "consortium.genesis"));
            Assert.Equal(2, await db.ServiceSigningKeys.CountAsync()); // one first key per purpose, not one per replica
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }
    }
}
