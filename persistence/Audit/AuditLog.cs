using System.Text.Json;
using Governance.Domain.Audit;
using Governance.Protocol.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Governance.Persistence.Audit;

/// <summary>
/// Appends through the caller's connection and transaction, so the entry commits or rolls back with the change.
/// A transaction-scoped advisory lock serialises appenders across requests and replicas until commit, so the
/// committed entries are always a gap-free prefix 0..n-1. On append it stores the leaf hash and the hash of
/// every perfect subtree the leaf completes. Called without an open transaction, it opens one, saves the
/// context's pending changes with the entry and commits, so the pair is still atomic.
/// </summary>
internal sealed class AuditLog(GovernanceDbContext db, TimeProvider time, IRequestIdAccessor? requestId = null) : IAuditLog
{
    /// <summary>"auditlog" in ASCII: the advisory lock id appenders share.</summary>
    internal const long AppendLockKey = 0x61756469746c6f67;

    // Scalar subqueries keep every node read a primary-key lookup, whatever the planner estimates.
    private const string FrontierSql = """
        SELECT s.size, f.level,
               (SELECT t.hash FROM audit_tree_nodes t WHERE t.level = f.level AND t.node_index = (s.size >> f.level) - 1)
        FROM (SELECT coalesce(max(sequence) + 1, 0) AS size FROM audit_entries) s
        LEFT JOIN LATERAL (SELECT l.level FROM generate_series(0, 62) AS l(level) WHERE ((s.size >> l.level) & 1) = 1) f ON true
        """;

    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is { } transaction)
        {
            await AppendWithinAsync(record, transaction, cancellationToken);
            return;
        }

        await using var owned = await db.Database.BeginTransactionAsync(cancellationToken);
        await AppendWithinAsync(record, owned, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await owned.CommitAsync(cancellationToken);
    }

    private async Task AppendWithinAsync(AuditRecord record, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();

        var (size, frontier) = await LockAndReadFrontierAsync(connection, npgsqlTransaction, cancellationToken);

        var timestamp = AuditEntryCanonicalForm.TruncateToMicroseconds(time.GetUtcNow());
        var actorKind = record.Actor.Kind.ToString().ToLowerInvariant();
        var outcome = record.Outcome.ToString().ToLowerInvariant();
        var details = record.Details?.ToJsonString() ?? "{}";
        var request = requestId?.RequestId;
        using var detailsDocument = JsonDocument.Parse(details);
        var leaf = MerkleHash.Leaf(AuditEntryCanonicalForm.Serialize(
            size, timestamp, actorKind, record.Actor.Id, record.Action, record.Subjects, outcome, detailsDocument.RootElement, request));

        await using var batch = new NpgsqlBatch(connection, npgsqlTransaction);
        var insertEntry = new NpgsqlBatchCommand("""
            INSERT INTO audit_entries (sequence, timestamp, actor_kind, actor_id, action, subjects, outcome, details, request_id, leaf_hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """);
        insertEntry.Parameters.Add(new NpgsqlParameter<long> { TypedValue = size });
        insertEntry.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = timestamp });
        insertEntry.Parameters.Add(new NpgsqlParameter<string> { TypedValue = actorKind });
        insertEntry.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Actor.Id });
        insertEntry.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Action });
        insertEntry.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. record.Subjects] });
        insertEntry.Parameters.Add(new NpgsqlParameter<string> { TypedValue = outcome });
        insertEntry.Parameters.Add(new NpgsqlParameter<string> { TypedValue = details, NpgsqlDbType = NpgsqlDbType.Jsonb });
        insertEntry.Parameters.Add(new NpgsqlParameter { Value = (object?)request ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        insertEntry.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = leaf });
        batch.BatchCommands.Add(insertEntry);

        var levels = new List<int> { 0 };
        var indexes = new List<long> { size };
        var hashes = new List<byte[]> { leaf };
        var hash = leaf;
        var level = 0;
        // Appending leaf `size` completes one perfect subtree per trailing 1-bit of `size`; each joins the
        // frontier subtree of the same level on its left.
        while (((size >> level) & 1) == 1)
        {
            hash = MerkleHash.Node(frontier[level], hash);
            level++;
            levels.Add(level);
            indexes.Add(((size + 1) >> level) - 1);
            hashes.Add(hash);
        }

        var insertNodes = new NpgsqlBatchCommand("""
            INSERT INTO audit_tree_nodes (level, node_index, hash) SELECT * FROM unnest($1::int[], $2::bigint[], $3::bytea[])
            """);
        insertNodes.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. levels] });
        insertNodes.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. indexes] });
        insertNodes.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. hashes] });
        batch.BatchCommands.Add(insertNodes);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<(long Size, Dictionary<int, byte[]> Frontier)> LockAndReadFrontierAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var lockCommand = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)");
        lockCommand.Parameters.Add(new NpgsqlParameter<long> { TypedValue = AppendLockKey });
        batch.BatchCommands.Add(lockCommand);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(FrontierSql));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
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

        return (size, frontier);
    }
}
