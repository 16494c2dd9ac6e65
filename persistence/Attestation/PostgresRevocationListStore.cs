namespace Governance.Persistence.Attestation;

/// <summary>
/// The durable <see cref="IRevocationListStore"/>: verified AMD CRLs in PostgreSQL. Used by a singleton checker, so
/// each call takes its own scope. A write replaces the stored CRL only when it was issued later, in one statement,
/// so two replicas storing at once keep the newer.
/// </summary>
public sealed class PostgresRevocationListStore(IServiceScopeFactory scopes, TimeProvider timeProvider) : IRevocationListStore
{
    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        scopes.WithDbContextAsync(db => db.AttestationRevocationLists.AsNoTracking()
            .Where(e => e.StoreKey == key)
            .Select(e => e.Der)
            .FirstOrDefaultAsync(cancellationToken));

    public Task PutAsync(string key, byte[] der, DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate, CancellationToken cancellationToken) =>
        scopes.WithDbContextAsync(db =>
        {
            var storedAt = timeProvider.GetUtcNow();
            // A CRL without nextUpdate is stored with none; the parameter is typed so PostgreSQL can take a NULL for it.
            var next = new NpgsqlParameter("next_update", NpgsqlDbType.TimestampTz) { Value = nextUpdate is { } n ? n.ToUniversalTime() : DBNull.Value };
            return db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO attestation_revocation_lists (store_key, der, this_update, next_update, stored_at)
                VALUES ({key}, {der}, {thisUpdate.ToUniversalTime()}, {next}, {storedAt})
                ON CONFLICT (store_key) DO UPDATE
                    SET der = excluded.der, this_update = excluded.this_update, next_update = excluded.next_update, stored_at = excluded.stored_at
                    WHERE attestation_revocation_lists.this_update < excluded.this_update
                """,
                cancellationToken);
        });
}
