namespace Governance.Protocol.Audit;

/// <summary>
/// Computes a root from leaf hashes in one pass, keeping only the right edge of the tree (O(log n) memory),
/// so a verifier can stream an export of any length.
/// </summary>
public sealed class MerkleTreeBuilder
{
    // frontier[level] holds the perfect subtree of 2^level leaves waiting for its right sibling.
    private readonly List<byte[]?> frontier = [];

    public long Size { get; private set; }

    public void Append(byte[] leafHash)
    {
        var hash = leafHash;
        var level = 0;
        while (level < frontier.Count && frontier[level] is { } left)
        {
            hash = MerkleHash.Node(left, hash);
            frontier[level] = null;
            level++;
        }

        if (level == frontier.Count)
        {
            frontier.Add(hash);
        }
        else
        {
            frontier[level] = hash;
        }

        Size++;
    }

    public byte[] Root()
    {
        byte[]? root = null;
        foreach (var node in frontier)
        {
            if (node is null)
            {
                continue;
            }

            root = root is null ? node : MerkleHash.Node(node, root);
        }

        return root ?? MerkleHash.Empty();
    }

    public static byte[] RootOf(IEnumerable<byte[]> leafHashes)
    {
        var builder = new MerkleTreeBuilder();
        foreach (var leaf in leafHashes)
        {
            builder.Append(leaf);
        }

        return builder.Root();
    }
}
