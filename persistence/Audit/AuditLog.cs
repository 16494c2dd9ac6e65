using Governance.Domain.Audit;
using Governance.Protocol.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Governance.Persistence.Audit;

/// <summary>
/// Records an entry through the caller's connection and transaction, so it commits or rolls back with the
/// change. It only queues the entry (one INSERT, no lock): holding a log-wide lock until every caller commits
/// would cap the whole service at one commit at a time. <see cref="AuditSequencer"/> later gives committed
/// entries their sequence numbers and tree nodes, in one short transaction per batch. Called without an open
/// transaction, it opens one, saves the context's pending changes with the entry and commits, so the pair is
/// still atomic.
/// </summary>
internal sealed class AuditLog(GovernanceDbContext db, TimeProvider time, IRequestIdAccessor? requestId = null) : IAuditLog
{
    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is { } transaction)
        {
            await EnqueueAsync(record, transaction, cancellationToken);
            return;
        }

        await using var owned = await db.Database.BeginTransactionAsync(cancellationToken);
        await EnqueueAsync(record, owned, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await owned.CommitAsync(cancellationToken);
    }

    private async Task EnqueueAsync(AuditRecord record, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        // Records carry what callers sent; one value the log's table or index refuses would stop the sequencer
        // for every later entry, so every string is bounded here, whichever code built the record.
        record = AuditBounds.Apply(record);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO audit_queue (timestamp, actor_kind, actor_id, action, subjects, outcome, details, request_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, connection, (NpgsqlTransaction)transaction.GetDbTransaction());
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = AuditEntryCanonicalForm.TruncateToMicroseconds(time.GetUtcNow()) });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Actor.KindName });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Actor.Id });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Action });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. record.Subjects] });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Outcome.ToString().ToLowerInvariant() });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Details?.ToJsonString() ?? "{}", NpgsqlDbType = NpgsqlDbType.Jsonb });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)AuditBounds.BoundOptional(requestId?.RequestId, AuditBounds.MaxRequestIdLength) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
