namespace Governance.Protocol.Audit;

/// <summary>
/// The leaves [Start, End) of the log. Every proof element of RFC 9162 is the hash of such a range, and every
/// range that occurs in a proof splits into a few perfect subtrees, which is what a store keeps.
/// </summary>
public readonly record struct MerkleRange(long Start, long End)
{
    public long Size => End - Start;

    /// <summary>
    /// The perfect subtrees whose ordered fold gives this range's hash (largest first). Only valid for the
    /// ranges RFC 9162 proofs produce, whose start is aligned to the largest power of two below their size.
    /// </summary>
    public IReadOnlyList<MerkleNodeId> PerfectSubtrees()
    {
        var nodes = new List<MerkleNodeId>();
        var start = Start;
        var remaining = Size;
        while (remaining > 0)
        {
            var level = 63 - long.LeadingZeroCount(remaining);
            var width = 1L << (int)level;
            nodes.Add(new MerkleNodeId((int)level, start >> (int)level));
            start += width;
            remaining -= width;
        }

        return nodes;
    }

    /// <summary>Hash of the range from its perfect subtrees: MTH folds the right part first.</summary>
    public byte[] Hash(Func<MerkleNodeId, byte[]> perfectSubtree)
    {
        if (Size == 0)
        {
            return MerkleHash.Empty();
        }

        var nodes = PerfectSubtrees();
        var hash = perfectSubtree(nodes[^1]);
        for (var i = nodes.Count - 2; i >= 0; i--)
        {
            hash = MerkleHash.Node(perfectSubtree(nodes[i]), hash);
        }

        return hash;
    }
}

/// <summary>The perfect subtree of 2^Level leaves starting at leaf Index·2^Level; level 0 is a leaf.</summary>
public readonly record struct MerkleNodeId(int Level, long Index);
