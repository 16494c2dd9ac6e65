namespace Governance.Persistence.Audit;

/// <summary>A stored audit entry; <see cref="Sequence"/> is its 0-based leaf index. Rows are insert-only (trigger).</summary>
public sealed class AuditEntryRow
{
    public long Sequence { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public required string ActorKind { get; set; }

    public required string ActorId { get; set; }

    public required string Action { get; set; }

    public required string[] Subjects { get; set; }

    public required string Outcome { get; set; }

    public required string Details { get; set; }

    public string? RequestId { get; set; }

    /// <summary>SHA-256(0x00 ‖ canonical entry).</summary>
    public required byte[] LeafHash { get; set; }
}
