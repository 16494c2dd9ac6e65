namespace Governance.Persistence.Audit;

/// <summary>
/// Signed tree heads, kept for ever. A head is signed only for the size the log has when one is asked for (the
/// latest), and at most once per size; any other size is served only if a head was stored for it. Signing any
/// size a caller names would let one member make the service sign and store a head for every size of the log.
/// </summary>
public sealed class AuditTreeHeads(GovernanceDbContext db, AuditTree tree, IServiceSigningKeys keys, TimeProvider time)
{
    /// <summary>The head of the whole committed log; signs a new one if the log grew since the last.</summary>
    public async Task<TreeHeadDto> LatestAsync(CancellationToken cancellationToken = default)
    {
        var size = await tree.SizeAsync(cancellationToken);
        return await StoredAsync(size, cancellationToken) ?? await SignAsync(size, cancellationToken);
    }

    /// <summary>The stored head of the first <paramref name="treeSize"/> entries, or the latest if that is its size.</summary>
    public async Task<TreeHeadDto> AtSizeAsync(long treeSize, CancellationToken cancellationToken = default)
    {
        if (await StoredAsync(treeSize, cancellationToken) is { } stored)
        {
            return stored;
        }

        if (treeSize >= 0 && treeSize == await tree.SizeAsync(cancellationToken))
        {
            return await SignAsync(treeSize, cancellationToken);
        }

        throw new DomainException(ErrorKind.NotFound, "Not found", string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"No tree head of size {treeSize} was signed. Heads are signed at the sizes the log had when the latest head was asked for; use one you hold, or GET /audit/tree-heads/latest."));
    }

    private async Task<TreeHeadDto?> StoredAsync(long treeSize, CancellationToken cancellationToken) =>
        await db.AuditTreeHeads.AsNoTracking().FirstOrDefaultAsync(h => h.TreeSize == treeSize, cancellationToken) is { } row ? ToDto(row) : null;

    private async Task<TreeHeadDto> SignAsync(long treeSize, CancellationToken cancellationToken)
    {
        var root = await tree.RootAsync(treeSize, cancellationToken);
        var key = await keys.GetCurrentAsync(cancellationToken);
        var timestamp = AuditEntryCanonicalForm.TruncateToMicroseconds(time.GetUtcNow());
        var signature = key.PrivateKey.SignData(
            TreeHeadDto.SignedBytes(treeSize, root, timestamp, key.KeyId), HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        // Replicas may sign the same size at once: the first stored head wins and everyone serves it.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO audit_tree_heads (tree_size, root_hash, timestamp, key_id, signature)
            VALUES ({treeSize}, {root}, {timestamp}, {key.KeyId}, {signature}) ON CONFLICT (tree_size) DO NOTHING
            """, cancellationToken);
        return ToDto(await db.AuditTreeHeads.AsNoTracking().FirstAsync(h => h.TreeSize == treeSize, cancellationToken));
    }

    public static TreeHeadDto ToDto(SignedTreeHeadRow row) =>
        new(row.TreeSize, Convert.ToBase64String(row.RootHash), row.Timestamp, row.KeyId, Convert.ToBase64String(row.Signature));
}
