namespace Governance.Persistence.Release;

/// <summary>
/// Contracts for the release path: the row is locked (SELECT … FOR UPDATE) in the release's transaction, so
/// releases of one contract count one after another and a revocation that committed first is always seen.
/// The domain decides (eligibility, integrity, counting); the counters are written back with one UPDATE, because change
/// tracking of the whole aggregate, content included, cost more than the rest of the database work.
/// </summary>
internal sealed class ReleaseContracts(GovernanceDbContext db) : IReleaseContracts
{
    private Contract? locked;

    public async Task<ReleaseContract?> LoadForReleaseAsync(string contractId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(contractId, out var id))
        {
            return null;
        }

        // One statement loads and locks the row; untracked, since only the release count is written back. The
        // Where makes EF wrap the locking SELECT and name the columns it maps: the statement is prepared, and a
        // prepared "SELECT *" fails once a rolling upgrade adds a column ("cached plan must not change result type").
        // The consent changes come with it: a pause committed before the lock is part of the decision.
        locked = (await db.Contracts.FromSql($"SELECT * FROM contracts WHERE id = {id} FOR UPDATE").AsNoTracking()
            .Where(c => c.Id == id).Include(c => c.Consents).ToListAsync(cancellationToken)).SingleOrDefault();
        if (locked is null)
        {
            return null;
        }

        return locked.ForRelease(now);
    }

    public async Task RecordReleaseAsync(string contractId, KeyBinding binding, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (locked is null || locked.Id.ToString("D") != contractId)
        {
            throw new InvalidOperationException("RecordReleaseAsync follows LoadForReleaseAsync of the same contract.");
        }

        locked.RecordRelease(now);
        // The row is locked by this transaction since LoadForReleaseAsync, so writing the counters back is safe.
        await db.Database.ExecuteSqlAsync(
            $"UPDATE contracts SET release_count = {locked.ReleaseCount}, updated_at = {locked.UpdatedAt} WHERE id = {locked.Id}",
            cancellationToken);
        ArgumentNullException.ThrowIfNull(binding);
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO release_bindings (contract_id, thumbprint, public_jwk, claims_digest, bound_at)
            VALUES ({locked.Id}, {binding.Thumbprint}, {binding.PublicJwk}, {binding.ClaimsDigest}, {now}) ON CONFLICT DO NOTHING
            """,
            cancellationToken);
    }
}
