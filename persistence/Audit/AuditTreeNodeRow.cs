namespace Governance.Persistence.Audit;

/// <summary>
/// The hash of a perfect subtree of the log: 2^Level leaves from leaf NodeIndex·2^Level. Written once, when the
/// subtree completes; level 0 are the leaves. Any proof is a fold of O(log n) of these rows.
/// </summary>
public sealed class AuditTreeNodeRow
{
    public int Level { get; set; }

    public long NodeIndex { get; set; }

    public required byte[] Hash { get; set; }
}
