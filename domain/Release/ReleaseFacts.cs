namespace Governance.Domain.Release;

/// <summary>
/// Everything a release decision reads, gathered by the release handler: the nonce's fate, the evidence as verified,
/// the contract as loaded under lock, whether its acceptance seal verified, the launch manifest presented, and which
/// of the contract's secrets exist.
/// </summary>
/// <param name="Nonce">What became of the presented nonce.</param>
/// <param name="Evidence">The verified evidence, or null when verification failed (see <paramref name="EvidenceFailures"/>).</param>
/// <param name="EvidenceFailures">Why the evidence could not be trusted (format, signature, chain).</param>
/// <param name="ExpectedBinding">SHA-512 binding of the nonce and wrapping key the evidence must carry; null when the nonce is malformed.</param>
/// <param name="Contract">The contract named by the request; null when there is none.</param>
/// <param name="AcceptanceSealValid">Whether the contract's acceptance seal is the service's signature over its stored digest.</param>
/// <param name="Manifest">The launch manifest presented with the evidence, if any.</param>
/// <param name="ManifestMalformed">The manifest was sent but is not standard base64.</param>
/// <param name="SecretsPresent">The contract's secrets that exist; null when they were not looked up (nothing could be released anyway).</param>
public sealed record ReleaseFacts(
    NonceState Nonce,
    VerifiedEvidence? Evidence,
    IReadOnlyList<ReleaseFailure> EvidenceFailures,
    byte[]? ExpectedBinding,
    ReleaseContract? Contract,
    bool AcceptanceSealValid,
    byte[]? Manifest,
    bool ManifestMalformed,
    IReadOnlySet<SecretRef>? SecretsPresent);
