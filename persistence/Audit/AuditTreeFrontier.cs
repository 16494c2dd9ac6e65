namespace Governance.Persistence.Audit;

/// <summary>
/// How appending a leaf grows the stored tree (audit_tree_nodes): the sequencer appends with it, and a seeded log
/// must be built the same way to look like one the sequencer wrote.
/// </summary>
public static class AuditTreeFrontier
{
    /// <summary>
    /// Leaf <paramref name="index"/> completes one perfect subtree per trailing 1-bit of the index; each joins the
    /// frontier subtree of the same level on its left, and the largest becomes the frontier at its level. Every node
    /// made, the leaf included, is added to <paramref name="nodes"/> as (level, index within the level, hash).
    /// </summary>
    public static void AddLeaf(long index, byte[] leaf, Dictionary<int, byte[]> frontier, List<(int Level, long Index, byte[] Hash)> nodes)
    {
        nodes.Add((0, index, leaf));
        var hash = leaf;
        var level = 0;
        while (((index >> level) & 1) == 1)
        {
            hash = MerkleHash.Node(frontier[level], hash);
            level++;
            nodes.Add((level, ((index + 1) >> level) - 1, hash));
        }

        frontier[level] = hash;
    }
}
