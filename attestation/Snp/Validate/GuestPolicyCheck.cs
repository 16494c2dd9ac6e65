namespace Governance.Attestation.Snp.Validate;

/// <summary>
/// The guest POLICY word's restrictions beyond debug, migration agent and SMT, as go-sev-guest's validate.Options
/// names them: bits that weaken the guest (CXL) fail unless allowed; bits that harden it fail when required and
/// clear; the guest's ABI version must reach the minimum.
/// </summary>
internal static class GuestPolicyCheck
{
    private const string Field = nameof(AttestationClaims.Policy);

    public static void Evaluate(AttestationPolicy policy, AttestationClaims claims, PolicyFailures failures)
    {
        var word = claims.Policy;
        failures.Required(policy.RequireSingleSocket, PolicyRules.SingleSocket, $"{Field}.SingleSocket", word?.SingleSocket);
        failures.Refused(policy.AllowCxl, PolicyRules.Cxl, $"{Field}.CxlAllowed", word?.CxlAllowed);
        failures.Required(policy.RequireMemAes256Xts, PolicyRules.MemAes256Xts, $"{Field}.MemAes256Xts", word?.MemAes256Xts);
        failures.Required(policy.RequireRaplDisabled, PolicyRules.RaplDisabled, $"{Field}.RaplDisabled", word?.RaplDisabled);
        failures.Required(policy.RequireCiphertextHiding, PolicyRules.CiphertextHiding, $"{Field}.CiphertextHiding", word?.CiphertextHiding);
        failures.Required(policy.RequirePageSwapDisabled, PolicyRules.PageSwapDisabled, $"{Field}.PageSwapDisabled", word?.PageSwapDisabled);
        if (policy.MinimumAbiMajor is not null || policy.MinimumAbiMinor is not null)
        {
            var major = policy.MinimumAbiMajor ?? 0;
            var minor = policy.MinimumAbiMinor ?? 0;
            if (word is not { } actual || (actual.AbiMajor, actual.AbiMinor).CompareTo((major, minor)) < 0)
            {
                failures.Add(PolicyRules.MinimumAbi, $"{Field}.Abi", $">= {major}.{minor}", word is { } w ? $"{w.AbiMajor}.{w.AbiMinor}" : PolicyFailures.Absent);
            }
        }
    }
}
