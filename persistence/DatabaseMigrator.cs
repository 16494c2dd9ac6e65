namespace Governance.Persistence;

/// <summary>Applies checked-in migrations, one replica at a time (see <see cref="AdvisoryLocks.Migrations"/>).</summary>
public static class DatabaseMigrator
{
    /// <param name="appRole">
    /// When set, the service's runtime role: after migrating, it is granted what it needs and no more
    /// (<see cref="AppRoleGrants"/>), under the same lock, so a replica never starts between a new table and its grants.
    /// </param>
    public static async Task MigrateAsync(GovernanceDbContext db, string? appRole = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var lockConnection = new NpgsqlConnection(db.Database.GetConnectionString());
        await lockConnection.OpenAsync(cancellationToken);
        await LockAsync(lockConnection, "SELECT pg_advisory_lock($1)", cancellationToken);
        try
        {
            // Creating the history table first spares a fresh database the logged error of querying a missing table.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            if (!string.IsNullOrWhiteSpace(appRole))
            {
                await AppRoleGrants.ApplyAsync(db, appRole, cancellationToken);
            }
        }
        finally
        {
            await LockAsync(lockConnection, "SELECT pg_advisory_unlock($1)", CancellationToken.None);
        }
    }

    private static async Task LockAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = AdvisoryLocks.Migrations });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
