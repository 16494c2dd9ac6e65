namespace Governance.Protocol.Audit;

/// <summary>RFC 9162 §2.1.3.2 and §2.1.4.2: checks proofs without trusting whoever produced them.</summary>
public static class MerkleVerifier
{
    /// <summary>The root an inclusion proof folds to, or null when the proof has the wrong shape.</summary>
    public static byte[]? RootFromInclusionProof(long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> path)
    {
        if (leafIndex < 0 || leafIndex >= treeSize || leafHash.Length != MerkleHash.Size)
        {
            return null;
        }

        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in path)
        {
            if (sn == 0 || p.Length != MerkleHash.Size)
            {
                return null;
            }

            var onLeft = IsOnLeft(fn, sn);
            r = onLeft ? MerkleHash.Node(p, r) : MerkleHash.Node(r, p);
            Ascend(ref fn, ref sn, onLeft);
        }

        return sn == 0 ? r : null;
    }

    public static bool VerifyInclusion(long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root)
    {
        var computed = RootFromInclusionProof(leafIndex, treeSize, leafHash, path);
        return computed is not null && MerkleHash.AreEqual(computed, root);
    }

    public static bool VerifyConsistency(long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        if (oldSize < 0 || oldSize > newSize)
        {
            return false;
        }

        if (oldSize == newSize)
        {
            return proof.Count == 0 && MerkleHash.AreEqual(oldRoot, newRoot);
        }

        if (oldSize == 0)
        {
            // Every tree extends the empty tree.
            return proof.Count == 0;
        }

        if (proof.Count == 0 || proof.Any(p => p.Length != MerkleHash.Size))
        {
            return false;
        }

        var nodes = new List<byte[]>(proof.Count + 1);
        if ((oldSize & (oldSize - 1)) == 0)
        {
            nodes.Add(oldRoot.ToArray());
        }

        nodes.AddRange(proof);
        var fn = oldSize - 1;
        var sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = nodes[0];
        var sr = nodes[0];
        for (var i = 1; i < nodes.Count; i++)
        {
            var c = nodes[i];
            if (sn == 0)
            {
                return false;
            }

            var onLeft = IsOnLeft(fn, sn);
            if (onLeft)
            {
                fr = MerkleHash.Node(c, fr);
            }

            sr = onLeft ? MerkleHash.Node(c, sr) : MerkleHash.Node(sr, c);
            Ascend(ref fn, ref sn, onLeft);
        }

        return sn == 0 && MerkleHash.AreEqual(fr, oldRoot) && MerkleHash.AreEqual(sr, newRoot);
    }

    /// <summary>Whether the next proof node is the left sibling: the node is a right child, or the last of its level.</summary>
    private static bool IsOnLeft(long fn, long sn) => (fn & 1) == 1 || fn == sn;

    /// <summary>
    /// One level up. After a left sibling, the levels where the node is a left child with no right sibling carry no
    /// proof node, so they are climbed first.
    /// </summary>
    private static void Ascend(ref long fn, ref long sn, bool afterLeftSibling)
    {
        if (afterLeftSibling)
        {
            while ((fn & 1) == 0 && fn != 0)
            {
                fn >>= 1;
                sn >>= 1;
            }
        }

        fn >>= 1;
        sn >>= 1;
    }
}
