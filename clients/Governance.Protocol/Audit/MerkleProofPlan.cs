namespace Governance.Protocol.Audit;

/// <summary>
/// Which leaf ranges an RFC 9162 proof consists of (§2.1.3.1 PATH and §2.1.4.1 SUBPROOF), in proof order.
/// A store turns each range into a hash from its stored perfect subtrees, so a proof costs O(log n) reads.
/// </summary>
public static class MerkleProofPlan
{
    public static IReadOnlyList<MerkleRange> Inclusion(long leafIndex, long treeSize)
    {
        if (leafIndex < 0 || leafIndex >= treeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(leafIndex), "The leaf is not in the tree.");
        }

        var path = new List<MerkleRange>();
        Path(leafIndex, 0, treeSize, path);
        return path;
    }

    public static IReadOnlyList<MerkleRange> Consistency(long oldSize, long newSize)
    {
        if (oldSize < 0 || oldSize > newSize)
        {
            throw new ArgumentOutOfRangeException(nameof(oldSize), "The old tree must not be larger than the new one.");
        }

        var proof = new List<MerkleRange>();
        if (oldSize > 0 && oldSize < newSize)
        {
            SubProof(oldSize, 0, newSize, true, proof);
        }

        return proof;
    }

    /// <summary>The tree's root as a range: for a store, the perfect subtrees of the whole tree.</summary>
    public static MerkleRange Root(long treeSize) => new(0, treeSize);

    private static void Path(long m, long start, long end, List<MerkleRange> path)
    {
        var n = end - start;
        if (n <= 1)
        {
            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m < k)
        {
            Path(m, start, start + k, path);
            path.Add(new MerkleRange(start + k, end));
        }
        else
        {
            Path(m - k, start + k, end, path);
            path.Add(new MerkleRange(start, start + k));
        }
    }

    private static void SubProof(long m, long start, long end, bool complete, List<MerkleRange> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!complete)
            {
                proof.Add(new MerkleRange(start, end));
            }

            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, complete, proof);
            proof.Add(new MerkleRange(start + k, end));
        }
        else
        {
            SubProof(m - k, start + k, end, false, proof);
            proof.Add(new MerkleRange(start, start + k));
        }
    }

    internal static long LargestPowerOfTwoBelow(long n) => 1L << (63 - (int)long.LeadingZeroCount(n - 1));
}
