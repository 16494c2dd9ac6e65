using System.Text.Json.Nodes;
using Governance.Protocol.Audit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Governance.Persistence.Audit;

/// <summary>
/// Moves committed entries from the queue into the log: in one transaction per batch it takes the log's
/// advisory lock (one sequencer at a time across replicas), reads the frontier of the tree, removes the oldest
/// queued entries, numbers them after the current end, and writes them with their leaf hashes and every perfect
/// subtree they complete. The batch commits or rolls back whole, so the log stays a gap-free prefix 0..n-1
/// whose stored nodes always match its entries.
/// </summary>
public sealed class AuditSequencer(GovernanceDbContext db)
{
    /// <summary>Entries per transaction: large enough to amortise the round trips, small enough to keep the lock brief.</summary>
    public const int BatchSize = 5000;

    // Scalar subqueries keep every node read a primary-key lookup, whatever the planner estimates.
    private const string FrontierSql = """
        SELECT s.size, f.level,
               (SELECT t.hash FROM audit_tree_nodes t WHERE t.level = f.level AND t.node_index = (s.size >> f.level) - 1)
        FROM (SELECT coalesce(max(sequence) + 1, 0) AS size FROM audit_entries) s
        LEFT JOIN LATERAL (SELECT l.level FROM generate_series(0, 62) AS l(level) WHERE ((s.size >> l.level) & 1) = 1) f ON true
        """;

    private const string DequeueSql = """
        DELETE FROM audit_queue WHERE id IN (SELECT id FROM audit_queue ORDER BY id LIMIT $1)
        RETURNING id, timestamp, actor_kind, actor_id, action, subjects, outcome, details::text, request_id
        """;

    /// <summary>
    /// Sequences every entry committed before the call, waiting if another replica is sequencing; readers call
    /// it first so the log they see includes their own committed changes.
    /// </summary>
    /// <returns>How many entries this call sequenced.</returns>
    public Task<long> CatchUpAsync(CancellationToken cancellationToken = default) => RunAsync(wait: true, cancellationToken);

    /// <summary>Sequences what is queued unless another replica holds the log's lock right now.</summary>
    public Task<long> TrySequenceAsync(CancellationToken cancellationToken = default) => RunAsync(wait: false, cancellationToken);

    private async Task<long> RunAsync(bool wait, CancellationToken cancellationToken)
    {
        // Its own connection: the sequencer commits on its own, whatever transaction the caller's context holds.
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using (var probe = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM audit_queue)", connection))
        {
            if (await probe.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return 0;
            }
        }

        var total = 0L;
        while (true)
        {
            var sequenced = await SequenceBatchAsync(connection, wait, cancellationToken);
            if (sequenced is not { } count)
            {
                return total;
            }

            total += count;
            if (count < BatchSize)
            {
                return total;
            }
        }
    }

    /// <returns>The number sequenced, or null when <paramref name="wait"/> is false and the lock is taken.</returns>
    private static async Task<int?> SequenceBatchAsync(NpgsqlConnection connection, bool wait, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand(
            wait ? "SELECT true FROM (SELECT pg_advisory_xact_lock($1)) AS taken" : "SELECT pg_try_advisory_xact_lock($1)", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter<long> { TypedValue = AdvisoryLocks.AuditSequencer });
            if (await lockCommand.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return null;
            }
        }

        var (size, frontier, queued) = await ReadFrontierAndDequeueAsync(connection, transaction, cancellationToken);
        if (queued.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        queued.Sort((a, b) => a.Id.CompareTo(b.Id));
        var nodes = new List<(int Level, long Index, byte[] Hash)>(queued.Count * 2);
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY audit_entries (sequence, timestamp, actor_kind, actor_id, action, subjects, outcome, details, request_id, leaf_hash) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            var sequence = size;
            foreach (var entry in queued)
            {
                // One parse per entry: the canonical form takes the parsed details as they are.
                var leaf = MerkleHash.Leaf(AuditEntryCanonicalForm.Serialize(
                    sequence, entry.Timestamp, entry.ActorKind, entry.ActorId, entry.Action, entry.Subjects, entry.Outcome,
                    JsonNode.Parse(entry.Details), entry.RequestId));
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(sequence, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(entry.Timestamp, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(entry.ActorKind, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(entry.ActorId, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(entry.Action, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(entry.Subjects, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(entry.Outcome, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(entry.Details, NpgsqlDbType.Jsonb, cancellationToken);
                if (entry.RequestId is null)
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await writer.WriteAsync(entry.RequestId, NpgsqlDbType.Varchar, cancellationToken);
                }

                await writer.WriteAsync(leaf, NpgsqlDbType.Bytea, cancellationToken);
                AddCompletedSubtrees(sequence, leaf, frontier, nodes);
                sequence++;
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY audit_tree_nodes (level, node_index, hash) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (level, index, hash) in nodes)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(level, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(index, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(hash, NpgsqlDbType.Bytea, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return queued.Count;
    }

    /// <summary>
    /// Leaf <paramref name="index"/> completes one perfect subtree per trailing 1-bit of the index; each joins the
    /// frontier subtree of the same level on its left, and the largest becomes the frontier at its level.
    /// </summary>
    private static void AddCompletedSubtrees(long index, byte[] leaf, Dictionary<int, byte[]> frontier, List<(int, long, byte[])> nodes)
    {
        nodes.Add((0, index, leaf));
        var hash = leaf;
        var level = 0;
        while (((index >> level) & 1) == 1)
        {
            hash = MerkleHash.Node(frontier[level], hash);
            level++;
            nodes.Add((level, ((index + 1) >> level) - 1, hash));
        }

        frontier[level] = hash;
    }

    private static async Task<(long Size, Dictionary<int, byte[]> Frontier, List<QueuedEntry> Queued)> ReadFrontierAndDequeueAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(FrontierSql));
        var dequeue = new NpgsqlBatchCommand(DequeueSql);
        dequeue.Parameters.Add(new NpgsqlParameter<int> { TypedValue = BatchSize });
        batch.BatchCommands.Add(dequeue);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);

        var size = 0L;
        var frontier = new Dictionary<int, byte[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            size = reader.GetInt64(0);
            if (!await reader.IsDBNullAsync(1, cancellationToken))
            {
                frontier[reader.GetInt32(1)] = reader.GetFieldValue<byte[]>(2);
            }
        }

        await reader.NextResultAsync(cancellationToken);
        var queued = new List<QueuedEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            queued.Add(new QueuedEntry(
                reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<string[]>(5), reader.GetString(6), reader.GetString(7),
                await reader.IsDBNullAsync(8, cancellationToken) ? null : reader.GetString(8)));
        }

        return (size, frontier, queued);
    }

    private sealed record QueuedEntry(
        long Id, DateTimeOffset Timestamp, string ActorKind, string ActorId, string Action, string[] Subjects, string Outcome, string Details, string? RequestId);
}
