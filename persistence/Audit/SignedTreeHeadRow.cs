namespace Governance.Persistence.Audit;

/// <summary>A tree head the service signed; at most one per tree size.</summary>
public sealed class SignedTreeHeadRow
{
    public long TreeSize { get; set; }

    public required byte[] RootHash { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public required string KeyId { get; set; }

    public required byte[] Signature { get; set; }
}
