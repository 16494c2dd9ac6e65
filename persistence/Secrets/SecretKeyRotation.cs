namespace Governance.Persistence.Secrets;

/// <summary>
/// Re-wraps stored data keys and service signing keys under the current key-encryption key, a batch at a time,
/// while the service keeps serving: a row is readable before and after its update because every configured key
/// unwraps, and each update is a single conditional statement.
/// </summary>
public sealed class SecretKeyRotation(GovernanceDbContext db, KeyEncryptionKeyRing keys)
{
    private const int BatchSize = 200;

    /// <summary>
    /// Re-wraps the next batch of data keys after secret row <paramref name="after"/>, in the caller's transaction.
    /// Returns how many rows changed and the last row looked at, or null when no data key is left under an old key.
    /// </summary>
    public async Task<(int Rewrapped, long? Last)> RewrapDataKeysAsync(long after, CancellationToken cancellationToken)
    {
        var current = keys.CurrentId;
        var batch = await db.Secrets.AsNoTracking()
            .Where(s => s.Id > after && s.Backend == EmbeddedSecretVault.Name && s.KekId != current && s.WrappedKey != null)
            .OrderBy(s => s.Id)
            .Take(BatchSize)
            .Select(s => new { s.Id, s.KekId, s.WrappedKey })
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return (0, null);
        }

        var total = 0;
        foreach (var row in batch)
        {
            var dataKey = keys.Unwrap(row.KekId!, row.WrappedKey!);
            var (kekId, wrapped) = keys.Wrap(dataKey);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(dataKey);
            var oldKek = row.KekId;
            // Conditional on the old key id and a still-present value, so a concurrent deletion is never undone.
            total += await db.Secrets
                .Where(s => s.Id == row.Id && s.KekId == oldKek && s.WrappedKey != null)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.KekId, kekId).SetProperty(s => s.WrappedKey, wrapped), cancellationToken);
        }

        return (total, batch[^1].Id);
    }

    /// <summary>Re-wraps every service signing key still under an old key-encryption key, in the caller's transaction.</summary>
    public Task<int> RewrapSigningKeysAsync(CancellationToken cancellationToken) =>
        ServiceSigningKeySealing.RewrapAsync(db, keys, legacyOnly: false, cancellationToken);
}
