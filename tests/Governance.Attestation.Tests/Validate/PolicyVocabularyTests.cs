using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Snp.Simulation;
using Governance.Attestation.Snp.Validate;
using Governance.Attestation.Tests.Support;

namespace Governance.Attestation.Tests.Validate;

/// <summary>
/// go-sev-guest's validate.Options vocabulary: a hardened report satisfies a strict policy, and each test changes
/// exactly one field of it so that exactly one rule fails.
/// </summary>
public sealed class PolicyVocabularyTests
{
    private const ulong HardenedPolicy = 0x30000 | (1UL << 20) | (1UL << 22) | (1UL << 23) | (1UL << 24) | (1UL << 25) | 0x0137;
    private const ulong HardenedPlatform = 0x3F;

    private static readonly EvidenceVerifier Verifier = Verifiers.Offline(Platforms.Now, Platforms.Milan.TrustRoot, Platforms.Turin.TrustRoot);

    private static readonly AttestationPolicy Strict = new()
    {
        RequireSingleSocket = true,
        RequireMemAes256Xts = true,
        RequireRaplDisabled = true,
        RequireCiphertextHiding = true,
        RequirePageSwapDisabled = true,
        MinimumAbiMajor = 1,
        MinimumAbiMinor = 55,
        RequireTsme = true,
        RequireEcc = true,
        RequireAliasCheckComplete = true,
        RequirePlatformRaplDisabled = true,
        RequirePlatformCiphertextHiding = true,
        MinimumBuild = 40,
        MinimumLaunchTcb = new TcbMinimum { Milan = new TcbMinimum { Snp = 24 }, Turin = new TcbMinimum { Snp = 24 } },
    };

    private static AttestationReport Hardened(SimulatedSnpPlatform platform) =>
        platform.NewReport() with { Policy = new GuestPolicy(HardenedPolicy), PlatformInfo = new PlatformInfo(HardenedPlatform) };

    private static async Task<AttestationClaims> Claims(SimulatedSnpPlatform platform, AttestationReport report) =>
        await Verifier.VerifyAsync(new SnpEvidence(platform.SignReport(report), platform.Vcek.CertificatePem), default);

    private static TcbVersion WithSnp(SimulatedSnpPlatform platform, TcbVersion tcb, byte snp) =>
        TcbVersion.Encode(platform.Product, tcb.Decode(platform.Product) with { Snp = snp });

    [Fact]
    public async Task A_hardened_report_satisfies_the_strict_policy()
    {
        var evaluation = AttestationPolicyEvaluator.Evaluate(await Claims(Platforms.Milan, Hardened(Platforms.Milan)), Strict);
        Assert.True(evaluation.Satisfied, string.Join("; ", evaluation.Failures));
    }

    [Theory]
    [InlineData(PolicyRules.SingleSocket)]
    [InlineData(PolicyRules.Cxl)]
    [InlineData(PolicyRules.MemAes256Xts)]
    [InlineData(PolicyRules.RaplDisabled)]
    [InlineData(PolicyRules.CiphertextHiding)]
    [InlineData(PolicyRules.PageSwapDisabled)]
    [InlineData(PolicyRules.MinimumAbi)]
    [InlineData(PolicyRules.PlatformTsme)]
    [InlineData(PolicyRules.PlatformEcc)]
    [InlineData(PolicyRules.PlatformRaplDisabled)]
    [InlineData(PolicyRules.PlatformCiphertextHiding)]
    [InlineData(PolicyRules.PlatformAliasCheckComplete)]
    [InlineData(PolicyRules.ProvisionalFirmware)]
    [InlineData(PolicyRules.MinimumBuild)]
    [InlineData(PolicyRules.MinimumLaunchTcbPrefix + "snp")]
    public async Task A_report_breaking_one_rule_fails_that_rule_only(string rule)
    {
        var platform = Platforms.Milan;
        var hardened = Hardened(platform);
        ulong Clear(int bit) => hardened.Policy.Raw & ~(1UL << bit);
        ulong ClearPlatform(int bit) => hardened.PlatformInfo.Raw & ~(1UL << bit);
        var report = rule switch
        {
            PolicyRules.SingleSocket => hardened with { Policy = new GuestPolicy(Clear(20)) },
            PolicyRules.Cxl => hardened with { Policy = new GuestPolicy(hardened.Policy.Raw | (1UL << 21)) },
            PolicyRules.MemAes256Xts => hardened with { Policy = new GuestPolicy(Clear(22)) },
            PolicyRules.RaplDisabled => hardened with { Policy = new GuestPolicy(Clear(23)) },
            PolicyRules.CiphertextHiding => hardened with { Policy = new GuestPolicy(Clear(24)) },
            PolicyRules.PageSwapDisabled => hardened with { Policy = new GuestPolicy(Clear(25)) },
            PolicyRules.MinimumAbi => hardened with { Policy = new GuestPolicy((hardened.Policy.Raw & ~0xFFFFUL) | 0x0136) },
            PolicyRules.PlatformTsme => hardened with { PlatformInfo = new PlatformInfo(ClearPlatform(1)) },
            PolicyRules.PlatformEcc => hardened with { PlatformInfo = new PlatformInfo(ClearPlatform(2)) },
            PolicyRules.PlatformRaplDisabled => hardened with { PlatformInfo = new PlatformInfo(ClearPlatform(3)) },
            PolicyRules.PlatformCiphertextHiding => hardened with { PlatformInfo = new PlatformInfo(ClearPlatform(4)) },
            PolicyRules.PlatformAliasCheckComplete => hardened with { PlatformInfo = new PlatformInfo(ClearPlatform(5)) },
            PolicyRules.ProvisionalFirmware => hardened with { CurrentTcb = WithSnp(platform, hardened.CurrentTcb, 25) },
            PolicyRules.MinimumBuild => hardened with { CurrentVersion = new FirmwareVersion(1, 55, 39), CommittedVersion = new FirmwareVersion(1, 55, 39) },
            _ => hardened with { LaunchTcb = WithSnp(platform, hardened.LaunchTcb, 23) },
        };

        var evaluation = AttestationPolicyEvaluator.Evaluate(await Claims(platform, report), Strict);

        Assert.Equal([rule], evaluation.Failures.Select(f => f.Rule));
    }

    [Fact]
    public async Task A_report_with_cxl_allowed_fails_a_policy_that_only_allows_debug()
    {
        var platform = Platforms.Milan;
        var claims = await Claims(platform, platform.NewReport() with { Policy = new GuestPolicy(0x30000 | (1UL << 21)) });

        var failure = Assert.Single(AttestationPolicyEvaluator.Evaluate(claims, new AttestationPolicy { AllowDebug = true }).Failures);

        Assert.Equal((PolicyRules.Cxl, "false", "true"), (failure.Rule, failure.Expected, failure.Actual));
        Assert.True(AttestationPolicyEvaluator.Evaluate(claims, new AttestationPolicy { AllowCxl = true }).Satisfied);
    }

    [Fact]
    public async Task Provisional_firmware_passes_when_allowed_but_a_committed_tcb_above_the_current_never_does()
    {
        var platform = Platforms.Milan;
        var report = platform.NewReport();
        var provisional = await Claims(platform, report with { CurrentTcb = WithSnp(platform, report.CurrentTcb, 30), CurrentVersion = new FirmwareVersion(1, 55, 41) });
        var backwards = await Claims(platform, report with { CommittedTcb = WithSnp(platform, report.CommittedTcb, 30) });
        var allowing = new AttestationPolicy { AllowProvisionalFirmware = true };

        Assert.Equal([PolicyRules.ProvisionalFirmware], AttestationPolicyEvaluator.Evaluate(provisional, new AttestationPolicy()).Failures.Select(f => f.Rule));
        Assert.True(AttestationPolicyEvaluator.Evaluate(provisional, allowing).Satisfied);
        Assert.Equal([PolicyRules.ProvisionalFirmware], AttestationPolicyEvaluator.Evaluate(backwards, allowing).Failures.Select(f => f.Rule));
    }

    [Fact]
    public async Task A_reported_tcb_above_the_current_one_fails_whatever_the_policy()
    {
        var platform = Platforms.Milan;
        var report = platform.NewReport();
        var ahead = new TcbVersion(report.ReportedTcb.Raw + (1UL << 16));
        using var vcek = platform.IssueVcek(tcb: ahead);
        var claims = await Verifier.VerifyAsync(new SnpEvidence(platform.SignReport(report with { ReportedTcb = ahead }, vcek), vcek.CertificatePem), default);

        var failure = Assert.Single(AttestationPolicyEvaluator.Evaluate(claims, new AttestationPolicy { AllowProvisionalFirmware = true }).Failures);

        Assert.Equal(PolicyRules.ReportedTcb, failure.Rule);
    }

    [Fact]
    public async Task A_genuine_report_on_provisional_firmware_fails_unless_the_policy_allows_it()
    {
        var vector = Vector.Load("trustee-vcek");
        var claims = await Verifiers.Offline(vector.ValidAt).VerifyAsync(new SnpEvidence(vector.Report, vector.Certificate), default);

        var failure = Assert.Single(AttestationPolicyEvaluator.Evaluate(claims, new AttestationPolicy()).Failures);

        Assert.Equal(PolicyRules.ProvisionalFirmware, failure.Rule);
        Assert.True(AttestationPolicyEvaluator.Evaluate(claims, new AttestationPolicy { AllowProvisionalFirmware = true }).Satisfied);
    }

    [Fact]
    public async Task A_per_product_minimum_tcb_applies_each_products_own_scale()
    {
        var milan = await Claims(Platforms.Milan, Platforms.Milan.NewReport());
        var turin = await Claims(Platforms.Turin, Platforms.Turin.NewReport());
        var policy = new AttestationPolicy
        {
            MinimumTcb = new TcbMinimum { Milan = new TcbMinimum { Microcode = 219 }, Turin = new TcbMinimum { Microcode = 220, Fmc = 1 } },
        };

        Assert.True(AttestationPolicyEvaluator.Evaluate(milan, policy).Satisfied);
        var failure = Assert.Single(AttestationPolicyEvaluator.Evaluate(turin, policy).Failures);
        Assert.Equal((PolicyRules.MinimumTcbPrefix + "microcode", ">= 220", "219"), (failure.Rule, failure.Expected, failure.Actual));
    }

    [Fact]
    public async Task A_product_the_per_product_minimum_leaves_out_is_refused()
    {
        var turin = await Claims(Platforms.Turin, Platforms.Turin.NewReport());

        var failure = Assert.Single(AttestationPolicyEvaluator.Evaluate(turin, new AttestationPolicy { MinimumTcb = new TcbMinimum { Milan = new TcbMinimum { Snp = 1 } } }).Failures);

        Assert.Equal((PolicyRules.MinimumTcbProduct, "Milan", "Turin"), (failure.Rule, failure.Expected, failure.Actual));
    }

    [Fact]
    public async Task The_single_minimum_tcb_form_still_applies_to_any_product()
    {
        var turin = await Claims(Platforms.Turin, Platforms.Turin.NewReport());

        var failure = Assert.Single(AttestationPolicyEvaluator.Evaluate(turin, new AttestationPolicy { MinimumTcb = new TcbMinimum { Snp = 25 } }).Failures);

        Assert.Equal(PolicyRules.MinimumTcbPrefix + "snp", failure.Rule);
    }

    [Fact]
    public void Every_rule_in_the_catalogue_has_a_distinct_name()
    {
        var names = typeof(PolicyRules).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }
}
