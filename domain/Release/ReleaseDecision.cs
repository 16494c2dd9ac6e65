namespace Governance.Domain.Release;

/// <summary>
/// Decides a release from its facts, without I/O: every rule of <see cref="ReleaseRules"/> is evaluated, even after
/// one fails, so a refusal names all of them. An empty result means the values may be released.
/// </summary>
public static class ReleaseDecision
{
    public static IReadOnlyList<ReleaseFailure> Evaluate(ReleaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var failures = new List<ReleaseFailure>();
        Nonce(facts.Nonce, failures);
        failures.AddRange(facts.EvidenceFailures);
        if (facts.ManifestMalformed)
        {
            failures.Add(new ReleaseFailure(ReleaseRules.EvidenceFormat, "evidence.manifest is not standard base64."));
        }

        if (facts.Evidence is { } evidence && facts.ExpectedBinding is { } binding)
        {
            Binding(evidence, binding, failures);
        }

        if (facts.Contract is not { } contract)
        {
            failures.Add(new ReleaseFailure(ReleaseRules.ContractExists, "No such contract exists."));
            return failures;
        }

        Contract(contract, facts.AcceptanceSealValid, failures);
        if (facts.Evidence is { } verified)
        {
            Policy(verified, contract, failures);
            if (contract.CustomRuntime is { } runtime)
            {
                failures.AddRange(CustomRuntimeCheck.Evaluate(facts.ManifestMalformed ? null : facts.Manifest, verified.HostData, runtime));
            }
        }

        if (facts.SecretsPresent is { } present)
        {
            foreach (var missing in contract.SecretsToRelease.Distinct().Where(s => !present.Contains(s)))
            {
                failures.Add(new ReleaseFailure(ReleaseRules.SecretsPresent,
                    $"Secret '{missing.Owner}/{missing.Name}' named by the contract has not been uploaded.", "uploaded", "absent"));
            }
        }

        return failures;
    }

    private static void Nonce(NonceState state, List<ReleaseFailure> failures)
    {
        if (NonceFailure(state) is { } failure)
        {
            failures.Add(failure);
        }
    }

    /// <summary>The rule a nonce in <paramref name="state"/> breaks; null when it was usable.</summary>
    public static ReleaseFailure? NonceFailure(NonceState state) => state switch
    {
        NonceState.Malformed => new ReleaseFailure(ReleaseRules.NonceFormat, "The nonce is not the base64url of 32 bytes from POST /release/challenges."),
        NonceState.Unknown => new ReleaseFailure(ReleaseRules.NonceKnown, "The nonce was not issued by this service."),
        NonceState.AlreadyUsed => new ReleaseFailure(ReleaseRules.NonceUnused, "The nonce was already used; take a new challenge."),
        NonceState.Expired => new ReleaseFailure(ReleaseRules.NonceUnexpired, "The nonce expired; take a new challenge."),
        _ => null,
    };

    private static void Binding(VerifiedEvidence evidence, byte[] binding, List<ReleaseFailure> failures)
    {
        if (evidence.BoundData is null || !CryptographicOperations.FixedTimeEquals(evidence.BoundData, binding))
        {
            failures.Add(new ReleaseFailure(ReleaseRules.EvidenceBinding,
                "The evidence does not carry SHA-512(\"governance-release-v1\" ‖ 0x00 ‖ nonce ‖ wrapping key thumbprint).",
                Convert.ToHexStringLower(binding), evidence.BoundData is null ? "none" : Convert.ToHexStringLower(evidence.BoundData)));
        }
    }

    private static void Contract(ReleaseContract contract, bool sealValid, List<ReleaseFailure> failures)
    {
        if (contract.Eligibility.Reason is { } reason)
        {
            failures.Add(new ReleaseFailure(ReleaseRules.For(reason), contract.Eligibility.Detail, "in force", contract.State));
        }
        else if (!(contract.ContentMatchesDigest && sealValid))
        {
            // Checked only for a contract in force: that is the row an attacker with database access would edit to get a release.
            failures.Add(new ReleaseFailure(ReleaseRules.ContractDigestMismatch,
                "The stored contract is not the one its parties approved; no release happens under it until that is explained.",
                "content hashing to the sealed digest",
                contract.ContentMatchesDigest ? "digest without a valid acceptance seal" : "content that does not hash to its digest"));
        }

        if (contract.Eligibility.Allowed && !contract.Consent.Execution)
        {
            var pausedBy = string.Join(", ", contract.Consent.PausedBy);
            failures.Add(new ReleaseFailure(ReleaseRules.ContractPaused,
                $"Execution is paused by {pausedBy}; only the party that paused it can resume it.", "execution enabled by every party", $"paused by {pausedBy}"));
        }

        if (!contract.PinsWorkload)
        {
            failures.Add(new ReleaseFailure(ReleaseRules.WorkloadPinned,
                "The contract pins no workload (measurements, hostData, idKeyDigests or a custom runtime).", "a pinned workload", "none"));
        }
    }

    private static void Policy(VerifiedEvidence evidence, ReleaseContract contract, List<ReleaseFailure> failures)
    {
        try
        {
            failures.AddRange(AttestationPolicyEvaluator.Evaluate(evidence.Claims, contract.Policy).Failures.Select(f => new ReleaseFailure(
                ReleaseRules.PolicyPrefix + f.Rule,
                $"The evidence's {f.Field} does not satisfy the contract's attestation policy ({f.Rule}).",
                f.Expected,
                f.Actual)));
        }
        catch (FormatException malformed)
        {
            failures.Add(new ReleaseFailure(ReleaseRules.PolicyPrefix + "format", $"The contract's attestation policy is malformed: {malformed.Message}"));
        }
    }

    /// <summary>Whether the facts describe a contract whose stored row no longer matches what its parties approved.</summary>
    public static bool IsTampering(IReadOnlyList<ReleaseFailure> failures) =>
        failures.Any(f => f.Rule == ReleaseRules.ContractDigestMismatch);
}
