namespace Governance.Domain.Audit;

/// <summary>
/// Every action the audit log records, by the name entries carry. <see cref="AuditRecord"/> has one typed constructor
/// per action, so an entry's subjects and details have one shape wherever it is written. README lists them with their details.
/// </summary>
public static class AuditActions
{
    /// <summary>The consortium was founded from the bootstrap file (system).</summary>
    public const string ConsortiumGenesis = "consortium.genesis";

    /// <summary>An accepted proposal changed the membership quorum.</summary>
    public const string ConsortiumQuorumChanged = "consortium.quorum_changed";

    /// <summary>A member opened a proposal.</summary>
    public const string ProposalOpened = "proposal.opened";

    /// <summary>A member voted on a proposal.</summary>
    public const string ProposalBallotCast = "proposal.ballot_cast";

    /// <summary>Prefix of a proposal's closing: <c>proposal.accepted</c>, <c>proposal.rejected</c>, <c>proposal.withdrawn</c>, <c>proposal.superseded</c>.</summary>
    public const string ProposalClosedPrefix = "proposal.";

    /// <summary>An accepted proposal added a member.</summary>
    public const string MemberAdded = "member.added";

    /// <summary>An accepted proposal removed a member (the contracts it ended are listed).</summary>
    public const string MemberRemoved = "member.removed";

    /// <summary>An accepted proposal changed a member's roles (the contracts ended by losing the member role are listed).</summary>
    public const string MemberRolesChanged = "member.roles_changed";

    /// <summary>A member registered a key of its own.</summary>
    public const string MemberKeyAdded = "member.key_added";

    /// <summary>A member removed a key of its own.</summary>
    public const string MemberKeyRemoved = "member.key_removed";

    /// <summary>Prefix of a contract transition: <c>contract.created</c>, <c>.edited</c>, <c>.proposed</c>, <c>.approved</c>, <c>.accepted</c>, <c>.rejected</c>, <c>.withdrawn</c>, <c>.revoked</c>, <c>.amended</c>, <c>.superseded</c>.</summary>
    public const string ContractTransitionPrefix = "contract.";

    /// <summary>A release found an accepted contract whose stored content or digest is not what its parties approved (system).</summary>
    public const string ContractTamperingDetected = "contract.tampering_detected";

    /// <summary>A party's approval was refused: a stale digest, a contract not open for approval (409), or a signature that does not verify (422).</summary>
    public const string ContractApprovalRefused = "contract.approval_refused";

    /// <summary>A party changed one of its consent switches (execution, logging, telemetry) on an accepted contract, signed, with its reason.</summary>
    public const string ContractConsentChanged = "contract.consent_changed";

    /// <summary>A clean room released under a contract reported an event over its channel, authenticated by its wrapping key.</summary>
    public const string CleanRoomEvent = "cleanroom.event";

    /// <summary>A member's contract content was refused by the content rules (422), on creation or on an edit.</summary>
    public const string ContractContentRejected = "contract.content_rejected";

    /// <summary>A signed-in member was refused an operation for lack of the role it needs (403).</summary>
    public const string RoleRefused = "auth.role_refused";

    /// <summary>A member stored a new version of a secret (metadata only).</summary>
    public const string SecretCreated = "secret.created";

    /// <summary>A member deleted every version of a secret.</summary>
    public const string SecretDeleted = "secret.deleted";

    /// <summary>A batch of keys moved under the current key-encryption key.</summary>
    public const string SecretsRewrapped = "secrets.rewrapped";

    /// <summary>A member registered (or replaced) its recovery key, the key its recovery share is encrypted to.</summary>
    public const string MemberRecoveryKeySet = "member.recovery_key_set";

    /// <summary>The approved service builds changed: by an accepted proposal, or (system) set to its own build by the instance that made the key-encryption key.</summary>
    public const string ServiceMeasurementsSet = "service.measurements_set";

    /// <summary>An accepted proposal set the recovery share holders and threshold.</summary>
    public const string ServiceRecoveryPolicySet = "service.recovery_policy_set";

    /// <summary>The service split its key-encryption key into recovery shares, each encrypted to a holder's recovery key (system).</summary>
    public const string ServiceRecoverySharesMade = "service.recovery_shares_made";

    /// <summary>A confidential instance made the consortium's key-encryption key inside its VM (system).</summary>
    public const string ServiceKeyCreated = "service.key_created";

    /// <summary>A confidential instance holds the key-encryption key: from its own seal, from a replica, or by recovery; with the evidence binding its keys (system).</summary>
    public const string ServiceUnsealed = "service.unsealed";

    /// <summary>A confidential instance refused to unseal: its build is not approved, or the custody rules fail their seal (system).</summary>
    public const string ServiceUnsealRefused = "service.unseal_refused";

    /// <summary>A running instance sent the key-encryption key to a new replica of an approved build (system).</summary>
    public const string ServiceKeyTransferred = "service.key_transferred";

    /// <summary>A running instance refused a replica's request for the key-encryption key, naming each rule it broke (system).</summary>
    public const string ServiceKeyTransferRefused = "service.key_transfer_refused";

    /// <summary>A share holder submitted its recovery share to an instance awaiting recovery.</summary>
    public const string ServiceRecoveryShareReceived = "service.recovery_share_received";

    /// <summary>A service signing key was rotated.</summary>
    public const string ServiceSigningKeyRotated = "service.signing_key.rotated";

    /// <summary>A clean room received a contract's values.</summary>
    public const string ReleaseGranted = "release.granted";

    /// <summary>A release request was refused, with every failed rule.</summary>
    public const string ReleaseDenied = "release.denied";

    /// <summary>A queued entry the log could not store, replaced at its sequence number by this one (system); names the queue id.</summary>
    public const string EntryPoisoned = "audit.entry_poisoned";

    /// <summary>Refused sign-ins in the last window, counted per reason (anonymous).</summary>
    public const string SignInFailed = "auth.sign-in-failed";
}
