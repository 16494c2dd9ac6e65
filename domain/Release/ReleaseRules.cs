namespace Governance.Domain.Release;

/// <summary>Stable names of the rules a release is checked against, as they appear in refusals and audit events.</summary>
public static class ReleaseRules
{
    public const string NonceFormat = "nonce.format";
    public const string NonceUnused = "nonce.unused";
    public const string NonceUnexpired = "nonce.unexpired";
    public const string NonceKnown = "nonce.known";
    public const string EvidenceFormat = "evidence.format";
    public const string EvidenceVerified = "evidence.verified";
    public const string EvidenceBinding = "evidence.binding";
    public const string ContractExists = "contract.exists";

    /// <summary>The stored contract is not what every party approved: its content does not hash to its digest, or the digest is not the one the service sealed at acceptance.</summary>
    public const string ContractDigestMismatch = "contract.digest_mismatch";
    /// <summary>The contract pins no workload: no measurement, HOST_DATA, ID key or custom runtime.</summary>
    public const string WorkloadPinned = "policy.workload_pinned";
    public const string RuntimeManifest = "runtime.manifest";
    public const string RuntimeDigest = "runtime.digest";
    public const string RuntimeSigner = "runtime.signer";
    public const string SecretsPresent = "secrets.present";

    /// <summary>Prefix of attestation policy rules: <c>policy.measurement</c>, <c>policy.debug</c>, …</summary>
    public const string PolicyPrefix = "policy.";
}
