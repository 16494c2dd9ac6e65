using Governance.Persistence.Audit;
using Governance.Domain.Contracts;
using Governance.Persistence;
using Governance.Persistence.Contracts;
using Governance.Protocol.Contracts;
using Governance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Contracts;

/// <summary>The contract store on real PostgreSQL: row locks, events and audit entries in one transaction.</summary>
public sealed class ContractStoreTests : IAsyncLifetime
{
    private static readonly string[] Parties = ["alice", "bob", "carol", "dave", "erin", "frank"];
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("contracts");
        services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddGovernancePersistence(connectionString)
            .AddGovernanceContractsPersistence()
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<GovernanceDbContext>());
    }

    public async Task DisposeAsync() => await services.DisposeAsync();

    private static ContractContent Content() => new()
    {
        Title = "Concurrent",
        Parties = Parties,
        CleanRoom = new CleanRoomProfile { Type = 0, Vmpl = 0 },
        AttestationPolicy = new AttestationPolicySpec(),
    };

    private async Task<Contract> ProposedAsync()
    {
        var contract = Contract.Create(Guid.CreateVersion7(), "alice", Content(), DateTimeOffset.UtcNow);
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IContractStore>();
        await store.AddAsync(contract);
        await store.ChangeAsync(contract.Id, _ => true, (c, _) =>
        {
            c.Propose("alice", DateTimeOffset.UtcNow);
            return Task.FromResult<Contract?>(null);
        });
        return contract;
    }

    [Fact]
    public async Task Simultaneous_approvals_lose_no_vote_and_accept_exactly_once()
    {
        var contract = await ProposedAsync();
        var digest = contract.Digest;
        using var start = new Barrier(Parties.Length);
        var approvals = Parties.Select(party => Task.Run(async () =>
        {
            start.SignalAndWait();
            await using var scope = services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IContractStore>();
            await store.ChangeAsync(contract.Id, _ => true, (c, _) =>
            {
                c.Approve(party, digest, ApprovalEvidence.UnsignedExternal, DateTimeOffset.UtcNow);
                return Task.FromResult<Contract?>(null);
            });
        })).ToList();
        await Task.WhenAll(approvals);

        await using var check = services.CreateAsyncScope();
        var reader = check.ServiceProvider.GetRequiredService<IContractStore>();
        var stored = await reader.FindAsync(contract.Id);
        Assert.Equal(ContractState.Accepted, stored!.State);
        Assert.Equal(Parties.Length, stored.Approvals.Count);
        var events = await reader.EventsAsync(contract.Id);
        Assert.Single(events, e => e.Kind == ContractEventKind.Accepted);
        Assert.Equal(Parties.Length, events.Count(e => e.Kind == ContractEventKind.Approved));
        await check.ServiceProvider.GetRequiredService<AuditSequencer>().CatchUpAsync();
        var db = check.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "contract.accepted"));
    }

    [Fact]
    public async Task Accepting_an_amendment_supersedes_the_version_it_amends_in_the_same_transaction()
    {
        var contract = await ProposedAsync();
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IContractStore>();
        foreach (var party in Parties)
        {
            await store.ChangeAsync(contract.Id, _ => true, (c, _) =>
            {
                c.Approve(party, c.Digest, ApprovalEvidence.UnsignedExternal, DateTimeOffset.UtcNow);
                return Task.FromResult<Contract?>(null);
            });
        }

        var amended = await store.ChangeAsync(contract.Id, _ => true,
            (c, _) => Task.FromResult<Contract?>(c.Amend("bob", Guid.CreateVersion7(), DateTimeOffset.UtcNow)));
        var amendmentId = amended.Created!.Id;
        await store.ChangeAsync(amendmentId, _ => true, (c, _) =>
        {
            c.Propose("bob", DateTimeOffset.UtcNow);
            return Task.FromResult<Contract?>(null);
        });
        Assert.Equal(ContractState.Accepted, (await store.FindAsync(contract.Id))!.State);
        foreach (var party in Parties)
        {
            await store.ChangeAsync(amendmentId, _ => true, (c, _) =>
            {
                c.Approve(party, c.Digest, ApprovalEvidence.UnsignedExternal, DateTimeOffset.UtcNow);
                return Task.FromResult<Contract?>(null);
            });
        }

        Assert.Equal(ContractState.Accepted, (await store.FindAsync(amendmentId))!.State);
        Assert.Equal(ContractState.Superseded, (await store.FindAsync(contract.Id))!.State);
    }

    [Fact]
    public async Task Contract_events_cannot_be_changed_or_deleted()
    {
        var contract = await ProposedAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            db.Database.ExecuteSqlAsync($"UPDATE contract_events SET actor = 'mallory' WHERE contract_id = {contract.Id}"));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            db.Database.ExecuteSqlAsync($"DELETE FROM contract_events WHERE contract_id = {contract.Id}"));
    }
}
