namespace Governance.Protocol.Contracts;

/// <summary>Lifecycle states as the API shows them; <c>expired</c> is computed from <c>validity.notAfter</c>.</summary>
// The domain stores the same states (all but expired), so they keep one definition.
public enum ContractStateName
{
    Draft,
    Proposed,
    Accepted,
    Rejected,
    Withdrawn,
    Revoked,
    Superseded,
    Expired,
}

/// <summary>
/// A contract as served: its content, the digest of that content, and where it stands. Creating and proposing a
/// contract also answer its <c>warnings</c> (what its parties should weigh before approving); other answers leave them out.
/// </summary>
public sealed record ContractView(
    Guid Id,
    int Version,
    Guid? PreviousVersionId,
    ContractStateName State,
    string Proposer,
    string Digest,
    ContractContent Content,
    IReadOnlyList<string> ApprovedBy,
    int ReleaseCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ProposedAt,
    DateTimeOffset? DecidedAt,
    string? Reason,
    IReadOnlyList<ContractWarning>? Warnings = null,
    ContractConsentView? Consent = null);

/// <summary>One line of a contract listing.</summary>
public sealed record ContractSummary(
    Guid Id,
    int Version,
    string Title,
    ContractStateName State,
    string Proposer,
    IReadOnlyList<string> Parties,
    string Digest,
    DateTimeOffset UpdatedAt);

/// <param name="Items">The contracts of this page.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> to get the next page; absent on the last page.</param>
public sealed record ContractPage(IReadOnlyList<ContractSummary> Items, string? NextCursor);

/// <summary>What a party signs to approve: <see cref="SignedPayload"/> is the exact JWS payload.</summary>
public sealed record ContractDigestView(Guid ContractId, ContractStateName State, string Digest, string SignedPayload);

/// <param name="Digest">The digest approved, 64 lowercase hex digits; must be the contract's current digest.</param>
/// <param name="Signature">Compact JWS by one of the caller's active keys (see <see cref="ContractApprovalSignature"/>);
/// may be left out only by members signed in through an external issuer where the consortium allows it.</param>
public sealed record ApproveContractRequest(string Digest, string? Signature = null);

public sealed record RejectContractRequest(string Reason);

public sealed record RevokeContractRequest(string? Reason = null);

/// <summary>One party's approval, with the public key that signed it, so anyone can re-verify it offline.</summary>
public sealed record ApprovalView(
    string MemberId,
    string Digest,
    string? Signature,
    string? KeyId,
    string? PublicJwk,
    bool IsUnsigned,
    DateTimeOffset ApprovedAt);

public sealed record ContractApprovalsView(Guid ContractId, string Digest, IReadOnlyList<ApprovalView> Approvals);

/// <param name="ActorKind"><c>member</c> when <see cref="Actor"/> is a member id, <c>system</c> when the service itself acted.</param>
public sealed record ContractEventView(long Sequence, string Kind, string Actor, DateTimeOffset At, string? Digest, string? Reason, string ActorKind = "member");

/// <summary>How one version of a contract differs from an earlier version of the same amendment chain.</summary>
/// <param name="ContractId">The version asked about.</param>
/// <param name="Version">Its number in the chain (1 for the original).</param>
/// <param name="FromContractId">The earlier version compared with.</param>
/// <param name="FromVersion">Its number in the chain.</param>
/// <param name="Patch">RFC 6902 operations that turn the earlier content into this one.</param>
/// <param name="Changes">The same differences in words, one per line, e.g. <c>cleanRoom.vmpl: 0 → 1</c>.</param>
public sealed record ContractDiffView(
    Guid ContractId, int Version, Guid FromContractId, int FromVersion, IReadOnlyList<JsonPatchOperation> Patch, IReadOnlyList<string> Changes);
