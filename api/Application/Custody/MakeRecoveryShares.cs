namespace Governance.Api.Application.Custody;

/// <summary>
/// Splits the key into one share per holder, any threshold of which recover it, and stores each encrypted to its
/// holder's recovery key, replacing every earlier share (a new split is a new polynomial: old and new shares do not
/// combine). Runs inside the caller's unit of work, with the change that called for it. Outside confidential mode
/// the operator holds the key anyway and no shares are made.
/// </summary>
internal sealed class MakeRecoveryShares(IServiceCustodyRepository store, KeyCustody custody, IAuditLog audit, TimeProvider time)
{
    public async Task MakeAsync(RecoveryPolicy policy, Domain.Proposals.Membership roll, CancellationToken cancellationToken)
    {
        if (!custody.Enabled)
        {
            return;
        }

        var keyId = custody.KeyId;
        var key = custody.RequireKey();
        try
        {
            var shares = ShamirSecretSharing.Split(key, policy.Threshold, policy.Holders.Count);
            var now = time.GetUtcNow();
            var stored = new List<StoredRecoveryShare>();
            var recoveryKeys = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (holder, share) in policy.Holders.Zip(shares))
            {
                var recoveryKey = roll.Find(holder)?.RecoveryKey
                    ?? throw new InvalidOperationException($"Holder '{holder}' has no recovery key; the domain checks this before enactment.");
                var encoded = share.ToBytes();
                stored.Add(new StoredRecoveryShare(holder, keyId!, recoveryKey.KeyId, policy.Threshold,
                    Protocol.Service.TransitSealing.Seal(encoded, recoveryKey.X, recoveryKey.Y, recoveryKey.KeyId), now));
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(encoded);
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(share.Value);
                recoveryKeys[holder] = recoveryKey.KeyId;
            }

            await store.ReplaceSharesAsync(stored, cancellationToken);
            await audit.AppendAsync(AuditRecord.ServiceRecoverySharesMade(keyId!, policy, recoveryKeys), cancellationToken);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        }
    }
}
