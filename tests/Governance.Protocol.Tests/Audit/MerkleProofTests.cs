using System.Security.Cryptography;
using System.Text;
using Governance.Protocol.Audit;

namespace Governance.Protocol.Tests.Audit;

public sealed class MerkleProofTests
{
    private static List<byte[]> Entries(int count) => [.. Enumerable.Range(0, count).Select(i => Encoding.UTF8.GetBytes($"entry {i}"))];

    /// <summary>What a store keeps: the hash of every perfect subtree, computed here by the reference.</summary>
    private static Func<MerkleNodeId, byte[]> PerfectSubtrees(IReadOnlyList<byte[]> entries) =>
        id => ReferenceMerkle.Mth(entries, (int)(id.Index << id.Level), (int)((id.Index + 1) << id.Level));

    [Fact]
    public void Rfc_test_vectors_for_the_empty_tree_and_a_single_leaf()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(MerkleTreeBuilder.RootOf([])));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([0x00])), Convert.ToHexStringLower(MerkleHash.Leaf([])));
    }

    [Fact]
    public void Streaming_root_equals_the_reference_for_every_size_up_to_130()
    {
        var entries = Entries(130);
        for (var n = 0; n <= 130; n++)
        {
            var root = MerkleTreeBuilder.RootOf(entries.Take(n).Select(e => MerkleHash.Leaf(e)));
            Assert.Equal(ReferenceMerkle.Mth(entries, 0, n), root);
            Assert.Equal(root, MerkleProofPlan.Root(n).Hash(PerfectSubtrees(entries)));
        }
    }

    [Fact]
    public void Inclusion_proofs_from_perfect_subtrees_match_the_reference_and_verify_for_all_leaves_of_sizes_1_to_70()
    {
        var entries = Entries(70);
        var nodes = PerfectSubtrees(entries);
        for (var n = 1; n <= 70; n++)
        {
            var root = ReferenceMerkle.Mth(entries, 0, n);
            for (var m = 0; m < n; m++)
            {
                var proof = MerkleProofPlan.Inclusion(m, n).Select(r => r.Hash(nodes)).ToList();
                Assert.Equal(ReferenceMerkle.Path(m, entries, 0, n), proof);
                var leaf = MerkleHash.Leaf(entries[m]);
                Assert.True(MerkleVerifier.VerifyInclusion(m, n, leaf, proof, root), $"leaf {m} of {n}");
                Assert.False(MerkleVerifier.VerifyInclusion(m, n, MerkleHash.Leaf(Encoding.UTF8.GetBytes("forged")), proof, root));
                if (proof.Count > 0)
                {
                    var broken = proof.Select(p => (byte[])p.Clone()).ToList();
                    broken[^1][0] ^= 1;
                    Assert.False(MerkleVerifier.VerifyInclusion(m, n, leaf, broken, root));
                    Assert.False(MerkleVerifier.VerifyInclusion(m, n, leaf, proof.Take(proof.Count - 1).ToList(), root));
                }
            }
        }
    }

    [Fact]
    public void Consistency_proofs_match_the_reference_and_verify_for_all_pairs_up_to_70()
    {
        var entries = Entries(70);
        var nodes = PerfectSubtrees(entries);
        for (var n = 1; n <= 70; n++)
        {
            var newRoot = ReferenceMerkle.Mth(entries, 0, n);
            for (var m = 1; m <= n; m++)
            {
                var oldRoot = ReferenceMerkle.Mth(entries, 0, m);
                var proof = MerkleProofPlan.Consistency(m, n).Select(r => r.Hash(nodes)).ToList();
                Assert.Equal(m == n ? [] : ReferenceMerkle.Consistency(m, entries, n), proof);
                Assert.True(MerkleVerifier.VerifyConsistency(m, n, oldRoot, newRoot, proof), $"{m} -> {n}");
                if (m < n)
                {
                    var otherOld = ReferenceMerkle.Mth(Entries(m).Select((e, i) => i == m - 1 ? Encoding.UTF8.GetBytes("changed") : e).ToList(), 0, m);
                    Assert.False(MerkleVerifier.VerifyConsistency(m, n, otherOld, newRoot, proof));
                    Assert.False(MerkleVerifier.VerifyConsistency(m, n, oldRoot, oldRoot, proof));
                }
            }
        }
    }

    [Fact]
    public void Large_sizes_need_only_logarithmically_many_perfect_subtrees()
    {
        var plan = MerkleProofPlan.Inclusion(123_456_789, 1_000_000_007);
        var nodes = plan.SelectMany(r => r.PerfectSubtrees()).Distinct().Count();
        Assert.InRange(nodes, 1, 2 * 64);
        Assert.InRange(MerkleProofPlan.Consistency(999_999, 1_000_000_007).SelectMany(r => r.PerfectSubtrees()).Count(), 1, 2 * 64);
    }
}
