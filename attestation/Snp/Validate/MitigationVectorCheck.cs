namespace Governance.Attestation.Snp.Validate;

/// <summary>
/// The mitigation vectors of a version 5 report (SNP ABI: LAUNCH_MIT_VECTOR at 0x1F8, CURRENT_MIT_VECTOR at 0x200):
/// every bit the policy requires must be set. A report below version 5, or a token, does not carry them and fails a
/// policy that requires any bit, naming the report version, so an old report is never read as one with no mitigations
/// missing.
/// </summary>
internal static class MitigationVectorCheck
{
    public static void Evaluate(AttestationPolicy policy, AttestationClaims claims, PolicyFailures failures)
    {
        Check(policy.RequiredLaunchMitigations, claims.Report?.LaunchMitVector, PolicyRules.LaunchMitigations, "LaunchMitVector", claims, failures);
        Check(policy.RequiredCurrentMitigations, claims.Report?.CurrentMitVector, PolicyRules.CurrentMitigations, "CurrentMitVector", claims, failures);
    }

    private static void Check(uint? required, ulong? vector, string rule, string field, AttestationClaims claims, PolicyFailures failures)
    {
        if (required is not { } bits || bits == 0)
        {
            return;
        }

        var expected = $"bits 0x{bits:x} set";
        if (vector is not { } actual)
        {
            failures.Add(rule, field, expected, claims.ReportVersion is { } version
                ? $"{PolicyFailures.Absent} (report version {version}; the vectors start at version 5)"
                : PolicyFailures.Absent);
        }
        else if ((actual & bits) != bits)
        {
            failures.Add(rule, field, expected, $"0x{actual:x} (without 0x{bits & ~actual:x})");
        }
    }
}
