namespace Governance.Domain.Release;

/// <summary>
/// The catalogue of rules a release is checked against, by the stable names refusals and audit entries carry.
/// A refusal lists every rule that failed, each with a detail for the requester and, in the audit entry the
/// parties read, expected versus actual.
/// </summary>
public static class ReleaseRules
{
    /// <summary>The nonce is the base64url of 32 bytes.</summary>
    public const string NonceFormat = "nonce.format";

    /// <summary>The nonce was issued by this service (<c>POST /release/challenges</c>).</summary>
    public const string NonceKnown = "nonce.known";

    /// <summary>No other request used the nonce before.</summary>
    public const string NonceUnused = "nonce.unused";

    /// <summary>The nonce's lifetime is not over.</summary>
    public const string NonceUnexpired = "nonce.unexpired";

    /// <summary>The evidence is well formed for its type (sev-snp, azure-cvm, maa-token), and so is the manifest sent with it.</summary>
    public const string EvidenceFormat = "evidence.format";

    /// <summary>The evidence's signatures and certificate chain verify up to a pinned root.</summary>
    public const string EvidenceVerified = "evidence.verified";

    /// <summary>No certificate of the evidence's endorsement chain is on AMD's CRL for its product and signer.</summary>
    public const string EndorsementRevoked = "endorsement.revoked";

    /// <summary>AMD's CRL for the chain is fresh (its nextUpdate is ahead), unless the service's stale policy accepts an older one.</summary>
    public const string CrlStale = "crl.stale";

    /// <summary>The evidence carries SHA-512("governance-release-v1" ‖ 0x00 ‖ nonce ‖ wrapping key thumbprint).</summary>
    public const string EvidenceBinding = "evidence.binding";

    /// <summary>The contract named exists.</summary>
    public const string ContractExists = "contract.exists";

    /// <summary>The contract is accepted (not a draft, proposed, rejected or withdrawn).</summary>
    public const string ContractNotAccepted = "contract.not_accepted";

    /// <summary>No party revoked the contract.</summary>
    public const string ContractRevoked = "contract.revoked";

    /// <summary>No accepted amendment superseded the contract.</summary>
    public const string ContractSuperseded = "contract.superseded";

    /// <summary>The contract's validity has begun (<c>validity.notBefore</c>).</summary>
    public const string ContractNotYetValid = "contract.not_yet_valid";

    /// <summary>The contract's validity has not ended (<c>validity.notAfter</c>).</summary>
    public const string ContractExpired = "contract.expired";

    /// <summary>No party has paused execution (its consent switch <c>execution</c> is off); the detail names who paused it.</summary>
    public const string ContractPaused = "contract.paused";

    /// <summary>The contract's release limit (<c>validity.maxReleases</c>) is not used up.</summary>
    public const string ContractReleaseLimitReached = "contract.release_limit_reached";

    /// <summary>The stored contract is what every party approved: its content hashes to its digest and the digest carries the service's acceptance seal.</summary>
    public const string ContractDigestMismatch = "contract.digest_mismatch";

    /// <summary>The contract pins its workload: a measurement, HOST_DATA, ID key or custom runtime.</summary>
    public const string WorkloadPinned = "policy.workload_pinned";

    /// <summary>Prefix of the attestation policy rules: <c>policy.measurement</c>, <c>policy.debug</c>, <c>policy.minimum_tcb.snp</c>, …</summary>
    public const string PolicyPrefix = "policy.";

    /// <summary>A custom runtime's launch manifest is present, hashes to HOST_DATA and is readable.</summary>
    public const string RuntimeManifest = "runtime.manifest";

    /// <summary>The manifest launches a component with the runtime's digest.</summary>
    public const string RuntimeDigest = "runtime.digest";

    /// <summary>The manifest's component is signed by the runtime's signer.</summary>
    public const string RuntimeSigner = "runtime.signer";

    /// <summary>Every secret and dataset key the contract names has been uploaded by its owner.</summary>
    public const string SecretsPresent = "secrets.present";

    /// <summary>The rule a contract breaks when it is not in force for <paramref name="reason"/>.</summary>
    public static string For(ReleaseIneligibility reason) => reason switch
    {
        ReleaseIneligibility.NotAccepted => ContractNotAccepted,
        ReleaseIneligibility.Revoked => ContractRevoked,
        ReleaseIneligibility.Superseded => ContractSuperseded,
        ReleaseIneligibility.NotYetValid => ContractNotYetValid,
        ReleaseIneligibility.Expired => ContractExpired,
        ReleaseIneligibility.ReleaseLimitReached => ContractReleaseLimitReached,
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
