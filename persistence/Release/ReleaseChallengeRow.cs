namespace Governance.Persistence.Release;

/// <summary>A nonce handed to a clean room; usable once, before it expires.</summary>
public sealed class ReleaseChallengeRow
{
    public required byte[] Nonce { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
