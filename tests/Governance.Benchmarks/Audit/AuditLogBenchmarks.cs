using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Governance.Domain.Audit;
using Governance.Persistence;
using Governance.Persistence.Audit;
using Governance.Protocol.Audit;
using Governance.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Governance.Benchmarks.Audit;

/// <summary>
/// The audit log at 1,000,000 entries. Seeding uses COPY with leaf and subtree hashes computed exactly as the
/// sequencer does; every append measured goes through the real <see cref="IAuditLog"/> in its own committed
/// transaction, as a request does, and the sustained rate counts an entry only once the sequencer put it in the tree.
/// Run: dotnet run -c Release --project tests/Governance.Benchmarks -- --filter '*AuditLogBenchmarks*'
/// </summary>
[Config(typeof(InProcessMonitoring))]
public class AuditLogBenchmarks
{
    /// <summary>In-process (no generated project to build on a busy machine), a fixed number of measured calls.</summary>
    private sealed class InProcessMonitoring : ManualConfig
    {
        public InProcessMonitoring() => AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(8).WithInvocationCount(20).WithUnrollFactor(1));
    }

    public const int SeedSize = 1_000_000;
    private const int Writers = 8;
    private const int AppendsPerWriter = 125;

    /// <summary>The service's default <c>Audit:SequencerInterval</c>.</summary>
    private static readonly TimeSpan SequencerInterval = TimeSpan.FromMilliseconds(100);

    private static readonly string[] Actions = ["contract.proposed", "contract.approved", "contract.activated", "secret.uploaded", "release.granted", "release.denied", "member.voted", "proposal.created"];

    private ServiceProvider services = null!;
    private long treeSize;
    private int next;

    // BenchmarkDotNet runs the global setup once per benchmark; the seeded database is shared by all of them.
    private static string? seeded;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var fresh = seeded is null;
        var connectionString = seeded ??= await TestPostgres.CreateDatabaseAsync("bench");
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton(TimeProvider.System);
        collection.AddGovernancePersistence(connectionString);
        services = collection.BuildServiceProvider();
        if (fresh)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<GovernanceDbContext>());
            }

            await SeedAsync(connectionString);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            treeSize = await scope.ServiceProvider.GetRequiredService<AuditTree>().SizeAsync();
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await services.DisposeAsync();

    private static AuditRecord Record(int i) => new(
        AuditActor.Member($"member{i % 100}"), Actions[i % Actions.Length], [$"contract:c{i % 1000}", $"member:member{i % 100}"],
        i % 10 == 0 ? AuditOutcome.Denied : AuditOutcome.Succeeded, new JsonObject { ["i"] = i, ["claimsDigest"] = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" });

    /// <summary>One request's append: open transaction, append (queue), commit. Sequencing is measured below.</summary>
    [Benchmark]
    public async Task AppendInOwnTransaction()
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await scope.ServiceProvider.GetRequiredService<IAuditLog>().AppendAsync(Record(Interlocked.Increment(ref next)));
        await transaction.CommitAsync();
    }

    /// <summary>
    /// Sustained rate, reported per entry: eight concurrent writers each commit <see cref="AppendsPerWriter"/> appends in
    /// their own transactions while a sequencer runs beside them as the service's does; the invocation ends only when
    /// every entry is numbered and in the tree.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Writers * AppendsPerWriter)]
    public async Task SustainedAppendsSequencedIntoTheTree()
    {
        using var writing = new CancellationTokenSource();
        var sequencer = Task.Run(async () =>
        {
            while (!writing.IsCancellationRequested)
            {
                await using var scope = services.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<AuditSequencer>().TrySequenceAsync() == 0)
                {
                    await Task.Delay(SequencerInterval);
                }
            }
        });

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < AppendsPerWriter; i++)
            {
                await AppendInOwnTransaction();
            }
        })));
        await writing.CancelAsync();
        await sequencer;
        await using var final = services.CreateAsyncScope();
        await final.ServiceProvider.GetRequiredService<AuditSequencer>().CatchUpAsync();
    }

    /// <summary>Inclusion proof of a random entry in the 1,000,000-entry tree.</summary>
    [Benchmark]
    public async Task<int> InclusionProof()
    {
        await using var scope = services.CreateAsyncScope();
        var leaf = Random.Shared.NextInt64(treeSize);
        var path = await scope.ServiceProvider.GetRequiredService<AuditTree>().InclusionProofAsync(leaf, treeSize);
        return path.Count;
    }

    /// <summary>What an auditor asks: one contract's denied entries of one action, first page.</summary>
    [Benchmark]
    public async Task<int> FilteredQuery()
    {
        await using var scope = services.CreateAsyncScope();
        var contract = $"c{Random.Shared.Next(1000)}";
        var rows = await scope.ServiceProvider.GetRequiredService<AuditEntries>().ListAsync(
            new AuditEntryFilter(ContractId: contract, Outcome: "succeeded", Limit: 100), AuditScope.Everything);
        return rows.Count;
    }

    private static async Task SeedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var builderNodes = new List<(int Level, long Index, byte[] Hash)>(SeedSize * 2);
        var frontier = new Dictionary<int, byte[]>();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY audit_entries (sequence, timestamp, actor_kind, actor_id, action, subjects, outcome, details, request_id, leaf_hash) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < SeedSize; i++)
            {
                var record = Record(i);
                var timestamp = start.AddTicks(i * 10_000L);
                var details = record.Details!.ToJsonString();
                var outcome = record.Outcome.ToString().ToLowerInvariant();
                using var document = JsonDocument.Parse(details);
                var leaf = MerkleHash.Leaf(AuditEntryCanonicalForm.Serialize(i, timestamp, "member", record.Actor.Id, record.Action, record.Subjects, outcome, document.RootElement, $"seed-{i}"));
                await writer.StartRowAsync();
                await writer.WriteAsync((long)i, NpgsqlDbType.Bigint);
                await writer.WriteAsync(timestamp, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync("member", NpgsqlDbType.Varchar);
                await writer.WriteAsync(record.Actor.Id, NpgsqlDbType.Varchar);
                await writer.WriteAsync(record.Action, NpgsqlDbType.Varchar);
                await writer.WriteAsync(record.Subjects.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(outcome, NpgsqlDbType.Varchar);
                await writer.WriteAsync(details, NpgsqlDbType.Jsonb);
                await writer.WriteAsync($"seed-{i}", NpgsqlDbType.Varchar);
                await writer.WriteAsync(leaf, NpgsqlDbType.Bytea);

                AuditTreeFrontier.AddLeaf(i, leaf, frontier, builderNodes);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY audit_tree_nodes (level, node_index, hash) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (level, index, hash) in builderNodes)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(level, NpgsqlDbType.Integer);
                await writer.WriteAsync(index, NpgsqlDbType.Bigint);
                await writer.WriteAsync(hash, NpgsqlDbType.Bytea);
            }

            await writer.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE audit_entries; ANALYZE audit_tree_nodes;", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
