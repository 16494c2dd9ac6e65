using Governance.Attestation.Snp.Verify;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Persistence.Attestation;

/// <summary>
/// The durable <see cref="IEndorsementCache"/>: fetched VCEKs in PostgreSQL. It is used by a singleton verifier,
/// so each call takes its own scope (and DbContext). Writes are idempotent (first value for a key wins).
/// </summary>
public sealed class PostgresEndorsementCache(IServiceScopeFactory scopes, TimeProvider timeProvider) : IEndorsementCache
{
    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        return await db.AttestationEndorsements.AsNoTracking()
            .Where(e => e.CacheKey == key)
            .Select(e => e.Value)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task SetAsync(string key, byte[] value, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var storedAt = timeProvider.GetUtcNow();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO attestation_endorsements (cache_key, value, stored_at) VALUES ({key}, {value}, {storedAt}) ON CONFLICT (cache_key) DO NOTHING",
            cancellationToken);
    }
}
