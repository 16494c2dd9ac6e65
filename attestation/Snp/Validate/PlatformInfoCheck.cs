namespace Governance.Attestation.Snp.Validate;

/// <summary>PLATFORM_INFO bits a policy may require of the host: TSME, ECC memory, a completed alias check, RAPL disabled, ciphertext hiding.</summary>
internal static class PlatformInfoCheck
{
    private const string Field = nameof(AttestationClaims.PlatformInfo);

    public static void Evaluate(AttestationPolicy policy, AttestationClaims claims, PolicyFailures failures)
    {
        var info = claims.PlatformInfo;
        failures.Required(policy.RequireTsme, PolicyRules.PlatformTsme, $"{Field}.TsmeEnabled", info?.TsmeEnabled);
        failures.Required(policy.RequireEcc, PolicyRules.PlatformEcc, $"{Field}.EccEnabled", info?.EccEnabled);
        failures.Required(policy.RequireAliasCheckComplete, PolicyRules.PlatformAliasCheckComplete, $"{Field}.AliasCheckComplete", info?.AliasCheckComplete);
        failures.Required(policy.RequirePlatformRaplDisabled, PolicyRules.PlatformRaplDisabled, $"{Field}.RaplDisabled", info?.RaplDisabled);
        failures.Required(policy.RequirePlatformCiphertextHiding, PolicyRules.PlatformCiphertextHiding, $"{Field}.CiphertextHidingEnabled", info?.CiphertextHidingEnabled);
    }
}
