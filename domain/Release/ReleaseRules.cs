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
    public const string ContractEligible = "contract.eligible";
    public const string RuntimeManifest = "runtime.manifest";
    public const string RuntimeDigest = "runtime.digest";
    public const string RuntimeSigner = "runtime.signer";
    public const string SecretsPresent = "secrets.present";

    /// <summary>Prefix of attestation policy rules: <c>policy.measurement</c>, <c>policy.debug</c>, …</summary>
    public const string PolicyPrefix = "policy.";
}
