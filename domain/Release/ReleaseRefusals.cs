namespace Governance.Domain.Release;

/// <summary>
/// Which failed rules a refusal shows its anonymous caller. Until the caller has proved it is a clean room that
/// holds this challenge (fresh nonce, genuine evidence bound to the nonce and its wrapping key), it learns only
/// what is wrong with that proof: naming the contract's rules (whether it exists, is accepted, revoked, expired,
/// its attestation policy or runtime) would tell anyone who guesses or replays a request the state and policy of
/// any contract. A clean room whose proof holds is told every rule, since it needs them to be fixed. The audit
/// entry records every failed rule either way.
/// </summary>
public static class ReleaseRefusals
{
    public static IReadOnlyList<ReleaseFailure> ShownToCaller(IReadOnlyList<ReleaseFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var proofFailures = failures.Where(IsProofRule).ToList();
        return proofFailures.Count > 0 ? proofFailures : failures;
    }

    // A revoked endorsement chain, or one whose revocation cannot be checked, is evidence that is not trusted: part of
    // the proof, like a bad signature.
    private static readonly string[] ProofRulePrefixes = ["nonce.", "evidence.", "endorsement.", "crl."];

    private static bool IsProofRule(ReleaseFailure failure) =>
        ProofRulePrefixes.Any(prefix => failure.Rule.StartsWith(prefix, StringComparison.Ordinal));
}
