namespace Governance.Persistence.Audit;

/// <summary>
/// Moves committed entries from the queue into the log: in one transaction per batch it takes the log's
/// advisory lock (one sequencer at a time across replicas), reads the frontier of the tree, removes the oldest
/// queued entries, numbers them after the current end, and writes them with their leaf hashes and every perfect
/// subtree they complete. The batch commits or rolls back whole, so the log stays a gap-free prefix 0..n-1
/// whose stored nodes always match its entries.
/// <para>
/// A queued entry the log cannot store (the database refuses the row, or its content has no canonical form) must
/// not stop everything queued after it. When a batch fails for such a reason it is retried entry by entry, each
/// under a savepoint; an entry that still fails is replaced, at its place in the sequence, by an
/// <c>audit.entry_poisoned</c> entry that names its queue id and a bounded description, the original leaves the
/// queue, the <c>governance.audit.entries_poisoned</c> counter goes up and one warning is logged.
/// </para>
/// </summary>
public sealed partial class AuditSequencer(GovernanceDbContext db, AuditMetrics metrics, ILogger<AuditSequencer> logger)
{
    /// <summary>The action of the entry that takes a poisoned entry's place.</summary>
    public const string PoisonedAction = Domain.Audit.AuditActions.EntryPoisoned;

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
            int? sequenced;
            try
            {
                sequenced = await SequenceBatchAsync(connection, wait, isolate: false, cancellationToken);
            }
            catch (Exception failure) when (IsEntryFault(failure))
            {
                // One entry (or more) of the batch cannot be stored as it is: retry the batch one entry at a time on
                // a fresh connection, so a good entry is never held back by a bad one.
                await using var isolated = new NpgsqlConnection(db.Database.GetConnectionString());
                await isolated.OpenAsync(cancellationToken);
                sequenced = await SequenceBatchAsync(isolated, wait, isolate: true, cancellationToken);
            }

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
    private async Task<int?> SequenceBatchAsync(NpgsqlConnection connection, bool wait, bool isolate, CancellationToken cancellationToken)
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
        List<(long QueueId, string Reason)> poisoned = [];
        if (isolate)
        {
            poisoned = await InsertOneByOneAsync(connection, transaction, size, queued, frontier, nodes, cancellationToken);
        }
        else
        {
            await CopyEntriesAsync(connection, size, queued, frontier, nodes, cancellationToken);
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
        foreach (var (queueId, reason) in poisoned)
        {
            metrics.EntryPoisoned();
            LogPoisoned(logger, queueId, reason);
        }

        return queued.Count;
    }

    private static async Task CopyEntriesAsync(
        NpgsqlConnection connection, long size, List<QueuedEntry> queued, Dictionary<int, byte[]> frontier, List<(int, long, byte[])> nodes,
        CancellationToken cancellationToken)
    {
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
                AuditTreeFrontier.AddLeaf(sequence, leaf, frontier, nodes);
                sequence++;
            }

            await writer.CompleteAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The careful path: each entry in its own savepoint, so one the database refuses is rolled back alone and
    /// replaced, at the same sequence number, by an entry saying so.
    /// </summary>
    private static async Task<List<(long QueueId, string Reason)>> InsertOneByOneAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long size, List<QueuedEntry> queued,
        Dictionary<int, byte[]> frontier, List<(int, long, byte[])> nodes, CancellationToken cancellationToken)
    {
        var poisoned = new List<(long, string)>();
        var sequence = size;
        foreach (var entry in queued)
        {
            string? reason = null;
            byte[]? leaf = null;
            try
            {
                leaf = LeafOf(sequence, entry);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                reason = "The entry's content has no canonical form.";
            }

            if (leaf is not null)
            {
                await transaction.SaveAsync("entry", cancellationToken);
                try
                {
                    await InsertAsync(connection, transaction, sequence, entry, leaf, cancellationToken);
                    await transaction.ReleaseAsync("entry", cancellationToken);
                }
                catch (PostgresException refused) when (IsDataFault(refused.SqlState))
                {
                    await transaction.RollbackAsync("entry", cancellationToken);
                    reason = $"The database refused the entry (SQLSTATE {refused.SqlState}).";
                }
            }

            if (reason is not null)
            {
                var replacement = Poisoned(entry, reason);
                leaf = LeafOf(sequence, replacement);
                await InsertAsync(connection, transaction, sequence, replacement, leaf, cancellationToken);
                poisoned.Add((entry.Id, reason));
            }

            AuditTreeFrontier.AddLeaf(sequence, leaf!, frontier, nodes);
            sequence++;
        }

        return poisoned;
    }

    private static byte[] LeafOf(long sequence, QueuedEntry entry) => MerkleHash.Leaf(AuditEntryCanonicalForm.Serialize(
        sequence, entry.Timestamp, entry.ActorKind, entry.ActorId, entry.Action, entry.Subjects, entry.Outcome,
        JsonNode.Parse(entry.Details), entry.RequestId));

    private static async Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long sequence, QueuedEntry entry, byte[] leaf, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO audit_entries (sequence, timestamp, actor_kind, actor_id, action, subjects, outcome, details, request_id, leaf_hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequence });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.Timestamp });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.ActorKind });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.ActorId });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Action });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = entry.Subjects });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Outcome });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Details, NpgsqlDbType = NpgsqlDbType.Jsonb });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.RequestId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = leaf });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// What takes a poisoned entry's place: the service as actor, the queue id as subject, and a description of the
    /// original made only of bounded, storable strings, plus the SHA-256 of its raw details so whoever holds a copy
    /// of the original can match it.
    /// </summary>
    private static QueuedEntry Poisoned(QueuedEntry original, string reason)
    {
        var subjects = new JsonArray();
        foreach (var subject in original.Subjects.Take(16))
        {
            subjects.Add(AuditBounds.Bound(subject, AuditBounds.MaxSubjectLength));
        }

        var details = new JsonObject
        {
            ["queueId"] = original.Id,
            ["reason"] = reason,
            ["original"] = new JsonObject
            {
                ["actorKind"] = AuditBounds.Bound(original.ActorKind, 16),
                ["actorId"] = AuditBounds.Bound(original.ActorId, AuditBounds.MaxActorIdLength),
                ["action"] = AuditBounds.Bound(original.Action, AuditBounds.MaxActionLength),
                ["outcome"] = AuditBounds.Bound(original.Outcome, 16),
                ["subjectCount"] = original.Subjects.Length,
                ["subjects"] = subjects,
                ["detailsSha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(original.Details))),
            },
        };
        var requestId = original.RequestId is { } id && id.Length <= AuditBounds.MaxRequestIdLength && AuditBounds.IsStorable(id) ? id : null;
        return new QueuedEntry(
            original.Id, original.Timestamp, "system", AuditActor.System.Id, PoisonedAction, [$"audit-queue:{original.Id}"], "failed",
            details.ToJsonString(), requestId);
    }

    /// <summary>
    /// Failures an entry's content can cause: data exceptions (class 22: bad encoding, U+0000, value too long),
    /// integrity violations other than a duplicate key (class 23), program limits such as an index key too large
    /// (class 54), and anything thrown while computing the entry's canonical form. Connection and server failures
    /// are not; they leave the batch queued for the next round.
    /// </summary>
    private static bool IsEntryFault(Exception failure) => failure switch
    {
        PostgresException postgres => IsDataFault(postgres.SqlState),
        NpgsqlException or OperationCanceledException or TimeoutException => false,
        _ => true,
    };

    private static bool IsDataFault(string sqlState) =>
        sqlState.StartsWith("22", StringComparison.Ordinal) || sqlState.StartsWith("54", StringComparison.Ordinal)
        || (sqlState.StartsWith("23", StringComparison.Ordinal) && sqlState != PostgresErrorCodes.UniqueViolation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit queue entry {QueueId} could not be stored and was replaced by an audit.entry_poisoned entry: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, long queueId, string reason);

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
