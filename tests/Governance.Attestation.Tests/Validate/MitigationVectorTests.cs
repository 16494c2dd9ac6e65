using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Snp.Simulation;
using Governance.Attestation.Snp.Validate;
using Governance.Attestation.Tests.Support;

namespace Governance.Attestation.Tests.Validate;

/// <summary>
/// The version 5 rules: required bits of LAUNCH_MIT_VECTOR and CURRENT_MIT_VECTOR, and the minimum report version. A
/// Turin report of version 5 (vectors 0x3f) satisfies the policy; each test changes one thing so that one rule fails.
/// </summary>
public sealed class MitigationVectorTests
{
    private static readonly EvidenceVerifier Verifier = Verifiers.Offline(Platforms.Now, Platforms.Turin.TrustRoot);

    private static readonly AttestationPolicy Policy = new()
    {
        RequiredLaunchMitigations = 0b101,
        RequiredCurrentMitigations = 0b11,
        MinimumReportVersion = 5,
    };

    private static async Task<AttestationClaims> Claims(AttestationReport report) =>
        await Verifier.VerifyAsync(new SnpEvidence(Platforms.Turin.SignReport(report), Platforms.Turin.Vcek.CertificatePem), default);

    private static AttestationReport Version4(AttestationReport report) => report with { Version = 4, LaunchMitVector = null, CurrentMitVector = null };

    [Fact]
    public async Task A_version_5_report_with_the_required_mitigations_satisfies_the_policy()
    {
        var report = Platforms.Turin.NewReport();

        var evaluation = AttestationPolicyEvaluator.Evaluate(await Claims(report), Policy);

        Assert.Equal((5u, 0x3FUL, 0x3FUL), (report.Version, report.LaunchMitVector, report.CurrentMitVector));
        Assert.True(evaluation.Satisfied, string.Join("; ", evaluation.Failures));
    }

    [Fact]
    public async Task A_launch_vector_without_a_required_bit_fails_launch_mitigations_only()
    {
        var failure = Assert.Single(AttestationPolicyEvaluator.Evaluate(await Claims(Platforms.Turin.NewReport() with { LaunchMitVector = 0x3B }), Policy).Failures);

        Assert.Equal((PolicyRules.LaunchMitigations, "LaunchMitVector", "bits 0x5 set", "0x3b (without 0x4)"), (failure.Rule, failure.Field, failure.Expected, failure.Actual));
    }

    [Fact]
    public async Task A_current_vector_without_a_required_bit_fails_current_mitigations_only()
    {
        var failure = Assert.Single(AttestationPolicyEvaluator.Evaluate(await Claims(Platforms.Turin.NewReport() with { CurrentMitVector = 0x3E }), Policy).Failures);

        Assert.Equal((PolicyRules.CurrentMitigations, "CurrentMitVector", "bits 0x3 set", "0x3e (without 0x1)"), (failure.Rule, failure.Field, failure.Expected, failure.Actual));
    }

    [Theory]
    [InlineData(PolicyRules.LaunchMitigations)]
    [InlineData(PolicyRules.CurrentMitigations)]
    public async Task A_report_below_version_5_fails_a_required_vector_naming_its_version(string rule)
    {
        var policy = rule == PolicyRules.LaunchMitigations ? new AttestationPolicy { RequiredLaunchMitigations = 1 } : new AttestationPolicy { RequiredCurrentMitigations = 1 };

        var failure = Assert.Single(AttestationPolicyEvaluator.Evaluate(await Claims(Version4(Platforms.Turin.NewReport())), policy).Failures);

        Assert.Equal((rule, "absent (report version 4; the vectors start at version 5)"), (failure.Rule, failure.Actual));
    }

    [Fact]
    public async Task A_report_below_the_minimum_version_fails_minimum_report_version_only()
    {
        var failure = Assert.Single(AttestationPolicyEvaluator.Evaluate(await Claims(Version4(Platforms.Turin.NewReport())), new AttestationPolicy { MinimumReportVersion = 5 }).Failures);

        Assert.Equal((PolicyRules.MinimumReportVersion, ">= 5", "4"), (failure.Rule, failure.Expected, failure.Actual));
    }

    [Fact]
    public async Task No_required_bits_read_no_vector()
    {
        var claims = await Claims(Version4(Platforms.Turin.NewReport()));

        Assert.True(AttestationPolicyEvaluator.Evaluate(claims, new AttestationPolicy { RequiredLaunchMitigations = 0 }).Satisfied);
        Assert.True(AttestationPolicyEvaluator.Evaluate(claims, new AttestationPolicy()).Satisfied);
    }
}
