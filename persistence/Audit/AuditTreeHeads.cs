using System.Security.Cryptography;
using Governance.Domain.Errors;
using Governance.Persistence.Keys;
using Governance.Protocol.Audit;
using Microsoft.EntityFrameworkCore;

namespace Governance.Persistence.Audit;

/// <summary>Signs tree heads on demand (one per size, kept for ever) with the current service key.</summary>
public sealed class AuditTreeHeads(GovernanceDbContext db, AuditTree tree, IServiceSigningKeys keys, TimeProvider time)
{
    /// <summary>The head of the whole committed log; signs a new one if the log grew since the last.</summary>
    public async Task<TreeHeadDto> LatestAsync(CancellationToken cancellationToken = default) =>
        await AtSizeAsync(await tree.SizeAsync(cancellationToken), cancellationToken);

    /// <summary>The signed head of the first <paramref name="treeSize"/> entries, signing it now if none is stored.</summary>
    public async Task<TreeHeadDto> AtSizeAsync(long treeSize, CancellationToken cancellationToken = default)
    {
        if (await db.AuditTreeHeads.AsNoTracking().FirstOrDefaultAsync(h => h.TreeSize == treeSize, cancellationToken) is { } stored)
        {
            return ToDto(stored);
        }

        if (treeSize < 0 || treeSize > await tree.SizeAsync(cancellationToken))
        {
            throw DomainException.NotFound("tree head", treeSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

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
