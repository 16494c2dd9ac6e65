namespace Governance.Protocol.Audit;

/// <summary>
/// A signed tree head: the service commits to the first <see cref="TreeSize"/> entries having root
/// <see cref="RootHash"/>. <see cref="Signature"/> is ECDSA P-384 with SHA-384, IEEE P1363 (r ‖ s, 96 bytes),
/// over <see cref="SignedBytes()"/>.
/// </summary>
public sealed record TreeHeadDto(long TreeSize, string RootHash, DateTimeOffset Timestamp, string KeyId, string Signature)
{
    public const string SignedFormTag = "governance.audit.tree-head/v1";

    /// <summary>
    /// UTF-8 of five newline-terminated lines: the tag <c>governance.audit.tree-head/v1</c>, the decimal tree
    /// size, the base64 root, the timestamp (UTC, six fractional digits) and the key id.
    /// </summary>
    public static byte[] SignedBytes(long treeSize, ReadOnlySpan<byte> rootHash, DateTimeOffset timestamp, string keyId) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{SignedFormTag}\n{treeSize}\n{Convert.ToBase64String(rootHash)}\n{AuditEntryCanonicalForm.FormatTimestamp(timestamp)}\n{keyId}\n"));

    public byte[] SignedBytes() => SignedBytes(TreeSize, RootHashBytes(), Timestamp, KeyId);

    public byte[] RootHashBytes() => Convert.FromBase64String(RootHash);

    /// <summary>Whether the key among <paramref name="keys"/> that <see cref="KeyId"/> names signed this head.</summary>
    public bool IsSignedByOneOf(IEnumerable<ServiceJwk> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        using var publicKey = keys.FirstOrDefault(k => k.Kid == KeyId)?.ToECDsa();
        return publicKey is not null && VerifySignature(publicKey);
    }

    public bool VerifySignature(ECDsa publicKey)
    {
        try
        {
            var root = RootHashBytes();
            // Only a P-384 key signs tree heads; the receipt key must not be able to pose as one.
            return root.Length == MerkleHash.Size && publicKey.KeySize == 384
                && publicKey.VerifyData(SignedBytes(), Convert.FromBase64String(Signature), HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>An RFC 9162 inclusion proof of entry <see cref="LeafIndex"/> in the signed head <see cref="TreeHead"/>.</summary>
public sealed record InclusionProofDto(long LeafIndex, long TreeSize, string LeafHash, IReadOnlyList<string> Path, TreeHeadDto TreeHead)
{
    public bool Verify() => MerkleVerifier.VerifyInclusion(
        LeafIndex, TreeSize, Convert.FromBase64String(LeafHash), [.. Path.Select(Convert.FromBase64String)], TreeHead.RootHashBytes())
        && TreeSize == TreeHead.TreeSize;
}

/// <summary>An RFC 9162 consistency proof: the head of size <c>From</c> is a prefix of the head of size <c>To</c>.</summary>
public sealed record ConsistencyProofDto(long From, long To, IReadOnlyList<string> Proof, TreeHeadDto FromTreeHead, TreeHeadDto ToTreeHead)
{
    public bool Verify() => FromTreeHead.TreeSize == From && ToTreeHead.TreeSize == To
        && MerkleVerifier.VerifyConsistency(From, To, FromTreeHead.RootHashBytes(), ToTreeHead.RootHashBytes(), [.. Proof.Select(Convert.FromBase64String)]);
}
