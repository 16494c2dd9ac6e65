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
    private static readonly string InsertSql = $"INSERT INTO audit_queue ({AuditQueueInsert.Columns}) VALUES ({AuditQueueInsert.Placeholders(1)})";

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
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var insert = new NpgsqlCommand(InsertSql, connection, (NpgsqlTransaction)transaction.GetDbTransaction());
        AuditQueueInsert.AddValues(insert.Parameters, record, time.GetUtcNow(), requestId?.RequestId);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
