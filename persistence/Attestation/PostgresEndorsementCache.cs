namespace Governance.Persistence.Attestation;

/// <summary>
/// The durable <see cref="IEndorsementCache"/>: fetched VCEKs in PostgreSQL. It is used by a singleton verifier,
/// so each call takes its own scope (and DbContext). Writes are idempotent (first value for a key wins).
/// </summary>
public sealed class PostgresEndorsementCache(IServiceScopeFactory scopes, TimeProvider timeProvider) : IEndorsementCache
{
    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        scopes.WithDbContextAsync(db => db.AttestationEndorsements.AsNoTracking()
            .Where(e => e.CacheKey == key)
            .Select(e => e.Value)
            .FirstOrDefaultAsync(cancellationToken));

    public Task SetAsync(string key, byte[] value, CancellationToken cancellationToken) =>
        scopes.WithDbContextAsync(db =>
        {
            var storedAt = timeProvider.GetUtcNow();
            return db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO attestation_endorsements (cache_key, value, stored_at) VALUES ({key}, {value}, {storedAt}) ON CONFLICT (cache_key) DO NOTHING",
                cancellationToken);
        });
}
