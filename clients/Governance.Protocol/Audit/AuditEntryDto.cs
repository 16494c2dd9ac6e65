namespace Governance.Protocol.Audit;

/// <summary>One audit entry as served, exported and verified. <see cref="AuditEntryCanonicalForm"/> defines the bytes its leaf hash covers.</summary>
/// <param name="Sequence">0-based position in the log; equals the RFC 9162 leaf index.</param>
/// <param name="Timestamp">When the entry was appended.</param>
/// <param name="ActorKind">system, member, vm or anonymous.</param>
/// <param name="ActorId">Who acted: a member id, a VM's claims digest, or system/anonymous.</param>
/// <param name="Action">Dotted verb, e.g. contract.approved.</param>
/// <param name="Subjects">Ids of what the action is about.</param>
/// <param name="Outcome">succeeded, denied or failed.</param>
/// <param name="Details">Metadata of the action (never a secret value).</param>
/// <param name="RequestId">The request that caused it, for correlation with logs.</param>
/// <param name="LeafHash">Base64 SHA-256(0x00 ‖ canonical entry); a convenience, verifiers recompute it.</param>
/// <param name="Proof">Relative link to the entry's inclusion proof.</param>
public sealed record AuditEntryDto(
    long Sequence,
    DateTimeOffset Timestamp,
    string ActorKind,
    string ActorId,
    string Action,
    IReadOnlyList<string> Subjects,
    string Outcome,
    JsonElement Details,
    string? RequestId,
    string LeafHash,
    string? Proof = null);

/// <summary>A page of entries; pass <see cref="NextCursor"/> as <c>cursor</c> for the next page.</summary>
public sealed record AuditEntryPage(IReadOnlyList<AuditEntryDto> Entries, string? NextCursor);
