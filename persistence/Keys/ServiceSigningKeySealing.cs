namespace Governance.Persistence.Keys;

/// <summary>
/// Seals service signing keys with the same key-encryption key ring that wraps secret data keys, so one
/// set of keys (and one rotation procedure) protects everything private the database holds.
/// </summary>
public static class ServiceSigningKeySealing
{
    /// <summary>A fresh P-384 key as a row holding only its sealed private half.</summary>
    internal static ServiceSigningKeyRow Seal(ECDsa key, DateTimeOffset createdAt, KeyEncryptionKeyRing ring)
    {
        var pkcs8 = key.ExportPkcs8PrivateKey();
        try
        {
            var (kekId, wrapped) = ring.Wrap(pkcs8);
            return new ServiceSigningKeyRow
            {
                KeyId = ServiceJwk.FromPublicKey(key, createdAt).Kid,
                WrappedPrivateKey = wrapped,
                KekId = kekId,
                PublicKeySpki = key.ExportSubjectPublicKeyInfo(),
                CreatedAt = createdAt,
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>
    /// Opens a row's private key and checks it is the key the row's id names: the ring's seal is bound to
    /// the key-encryption key only, so this check is what stops a sealed key being copied into another row.
    /// </summary>
    internal static ECDsa Open(ServiceSigningKeyRow row, KeyEncryptionKeyRing ring)
    {
        var pkcs8 = row switch
        {
            { KekId: { } kekId, WrappedPrivateKey: { } wrapped } => Unwrap(row.KeyId, kekId, wrapped, ring),
            { LegacyPrivateKeyPkcs8: { } legacy } => (byte[])legacy.Clone(),
            _ => throw new InvalidOperationException($"Service signing key '{row.KeyId}' has no private key."),
        };
        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            if (key.KeySize is not (256 or 384) || ServiceJwk.FromPublicKey(key, row.CreatedAt).Kid != row.KeyId)
            {
                throw new CryptographicException($"The private key stored for service signing key '{row.KeyId}' is not that key.");
            }

            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>
    /// A key-encryption key that does not open a sealed key (the same id configured with different key material) fails
    /// AES-GCM's tag check, whose message names neither key; the operator needs the id of the key that sealed it.
    /// </summary>
    private static byte[] Unwrap(string keyId, string kekId, byte[] wrapped, KeyEncryptionKeyRing ring)
    {
        try
        {
            return ring.Unwrap(kekId, wrapped);
        }
        catch (CryptographicException failure)
        {
            throw new CryptographicException(
                $"Service signing key '{keyId}' was sealed by key-encryption key '{kekId}', and the key configured under that id does not open it: " +
                $"configure the key '{kekId}' that sealed it in Secrets:KeyEncryptionKeys.", failure);
        }
    }

    /// <summary>A stored public key as its JWK, checked against the id the row gives it.</summary>
    internal static ServiceJwk PublicJwk(string keyId, byte[] publicKeySpki, DateTimeOffset createdAt)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(publicKeySpki, out _);
        var jwk = ServiceJwk.FromPublicKey(key, createdAt);
        return jwk.Kid == keyId
            ? jwk
            : throw new CryptographicException($"The public key stored for service signing key '{keyId}' is not that key.");
    }

    /// <summary>
    /// Seals every signing key that is not yet under the current key-encryption key: rows written before
    /// keys were sealed (<paramref name="legacyOnly"/>), or also those under an older key-encryption key
    /// (KEK rotation). Each update is conditional on what was read, so replicas doing this together, or a
    /// concurrent rotation, never lose a key. Returns the number of rows sealed anew.
    /// </summary>
    public static async Task<int> RewrapAsync(GovernanceDbContext db, KeyEncryptionKeyRing ring, bool legacyOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ring);
        var current = ring.CurrentId;
        var rows = await db.ServiceSigningKeys.AsNoTracking()
            .Where(k => k.KekId == null || (!legacyOnly && k.KekId != current))
            .OrderBy(k => k.KeyId)
            .ToListAsync(cancellationToken);
        var total = 0;
        foreach (var row in rows)
        {
            using var key = Open(row, ring);
            var sealedRow = Seal(key, row.CreatedAt, ring);
            var oldKek = row.KekId;
            total += await db.ServiceSigningKeys
                .Where(k => k.KeyId == row.KeyId && k.KekId == oldKek)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(k => k.KekId, sealedRow.KekId)
                    .SetProperty(k => k.WrappedPrivateKey, sealedRow.WrappedPrivateKey)
                    .SetProperty(k => k.LegacyPrivateKeyPkcs8, (byte[]?)null), cancellationToken);
        }

        return total;
    }
}
