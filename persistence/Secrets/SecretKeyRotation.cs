using Governance.Persistence.Keys;
using Microsoft.EntityFrameworkCore;

namespace Governance.Persistence.Secrets;

/// <summary>
/// Re-wraps every stored data key, and every service signing key, under the current key-encryption key, a
/// batch at a time, while the service keeps serving: a row is readable before and after its update because
/// every configured key unwraps, and each update is a single conditional statement.
/// </summary>
public sealed class SecretKeyRotation(GovernanceDbContext db, KeyEncryptionKeyRing keys)
{
    private const int BatchSize = 200;

    /// <summary>Number of keys re-wrapped (secret data keys and service signing keys).</summary>
    public async Task<int> RewrapAsync(CancellationToken cancellationToken = default)
    {
        var current = keys.CurrentId;
        var total = 0;
        long after = 0;
        while (true)
        {
            var batch = await db.Secrets.AsNoTracking()
                .Where(s => s.Id > after && s.Backend == EmbeddedSecretVault.Name && s.KekId != current && s.WrappedKey != null)
                .OrderBy(s => s.Id)
                .Take(BatchSize)
                .Select(s => new { s.Id, s.KekId, s.WrappedKey })
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return total + await ServiceSigningKeySealing.RewrapAsync(db, keys, legacyOnly: false, cancellationToken);
            }

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
                after = row.Id;
            }
        }
    }
}
