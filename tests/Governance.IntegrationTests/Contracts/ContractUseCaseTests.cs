using System.Security.Cryptography;
using Governance.Api.Application.Contracts;
using Governance.Domain.Contracts;
using Governance.IntegrationTests.Infrastructure;
using Governance.Persistence;
using Governance.Persistence.Audit;
using Governance.Persistence.Contracts;
using Governance.Persistence.Keys;
using Governance.Persistence.Secrets;
using Governance.Protocol.Contracts;
using Governance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Contracts;

/// <summary>
/// The contract use cases on real PostgreSQL, without HTTP: row locks, events and audit entries in one transaction.
/// Parties sign in externally here and the consortium allows their approvals unsigned, so the tests are about
/// concurrency and transactions, not signatures (those are covered over HTTP).
/// </summary>
public sealed class ContractUseCaseTests : IAsyncLifetime
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
            // Acceptance is sealed with the service receipt key, kept sealed by a key-encryption key.
            .Configure<SecretsOptions>(o => o.KeyEncryptionKeys =
                [new KeyEncryptionKeyOptions { Id = "kek-contracts", Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }])
            .AddSingleton<IContractAcceptanceSeals, ContractAcceptanceSeals>()
            .AddScoped<ContractChanges>()
            .AddScoped<ProposeContract>()
            .AddSingleton<Governance.Api.Audit.RefusalAudit>()
            .AddScoped<ApproveContract>()
            .AddScoped<AmendContract>()
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        await DatabaseMigrator.MigrateAsync(db);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO consortium_settings (id, name, membership_quorum, allow_unsigned_approvals_for_external_identities, created_at) VALUES (1, 'test', 'majority', TRUE, now())");
    }

    public async Task DisposeAsync() => await services.DisposeAsync();

    private static ContractCaller Party(string id) => new(id, IsAuditor: false, SignedInExternally: true);

    private static ContractContent Content() => new()
    {
        Title = "Concurrent",
        Parties = Parties,
        CleanRoom = new CleanRoomProfile { Type = 0, Vmpl = 0 },
        AttestationPolicy = new AttestationPolicySpec { Measurements = [new string('a', 96)] },
    };

    private async Task<T> Use<T>(Func<IServiceProvider, Task<T>> work) where T : class
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private async Task<Contract> ProposedAsync()
    {
        var contract = Contract.Create(Guid.CreateVersion7(), "alice", Content(), DateTimeOffset.UtcNow);
        await StoredContracts.AddAsync(services, contract);
        return await Use(s => s.GetRequiredService<ProposeContract>().HandleAsync(contract.Id, null, Party("alice"), CancellationToken.None));
    }

    private Task<Contract> ApproveAsync(Guid id, string party, string digest) =>
        Use(s => s.GetRequiredService<ApproveContract>().HandleAsync(id, digest, null, Party(party), CancellationToken.None));

    [Fact]
    public async Task Simultaneous_approvals_lose_no_vote_and_accept_exactly_once()
    {
        var contract = await ProposedAsync();
        using var start = new Barrier(Parties.Length);
        var approvals = Parties.Select(party => Task.Run(async () =>
        {
            start.SignalAndWait();
            await ApproveAsync(contract.Id, party, contract.DigestHex);
        })).ToList();
        await Task.WhenAll(approvals);

        var stored = await StoredContracts.FindAsync(services, contract.Id);
        Assert.Equal(ContractStateName.Accepted, stored!.State);
        Assert.Equal(Parties.Length, stored.Approvals.Count);
        Assert.NotNull(stored.AcceptanceSeal);
        var events = await StoredContracts.EventsAsync(services, contract.Id);
        Assert.Single(events, e => e.Kind == ContractEventKind.Accepted);
        Assert.Equal(Parties.Length, events.Count(e => e.Kind == ContractEventKind.Approved));
        await using var check = services.CreateAsyncScope();
        await check.ServiceProvider.GetRequiredService<AuditSequencer>().CatchUpAsync();
        var db = check.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "contract.accepted"));
    }

    [Fact]
    public async Task Accepting_an_amendment_supersedes_the_version_it_amends_in_the_same_transaction()
    {
        var contract = await ProposedAsync();
        foreach (var party in Parties)
        {
            await ApproveAsync(contract.Id, party, contract.DigestHex);
        }

        var amendment = await Use(s => s.GetRequiredService<AmendContract>().HandleAsync(contract.Id, Party("bob"), CancellationToken.None));
        await Use(s => s.GetRequiredService<ProposeContract>().HandleAsync(amendment.Id, null, Party("bob"), CancellationToken.None));
        Assert.Equal(ContractStateName.Accepted, (await StoredContracts.FindAsync(services, contract.Id))!.State);
        foreach (var party in Parties)
        {
            await ApproveAsync(amendment.Id, party, amendment.DigestHex);
        }

        Assert.Equal(ContractStateName.Accepted, (await StoredContracts.FindAsync(services, amendment.Id))!.State);
        Assert.Equal(ContractStateName.Superseded, (await StoredContracts.FindAsync(services, contract.Id))!.State);
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
