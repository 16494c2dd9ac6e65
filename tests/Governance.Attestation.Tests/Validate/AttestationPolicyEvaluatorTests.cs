using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Snp.Validate;
using Governance.Attestation.Tests.Support;

namespace Governance.Attestation.Tests.Validate;

public sealed class AttestationPolicyEvaluatorTests
{
    private static async Task<AttestationClaims> ClaimsOf(string name)
    {
        var vector = Vector.Load(name);
        return await Verifiers.Offline(vector.ValidAt).VerifyAsync(new SnpEvidence(vector.Report, vector.Certificate), default);
    }

    [Fact]
    public async Task Matching_policy_is_satisfied()
    {
        var claims = await ClaimsOf("msteeav-aci-milan");
        var evaluation = AttestationPolicyEvaluator.Evaluate(claims, new AttestationPolicy
        {
            Measurements = ["5FEEE30D6D7E1A29F403D70A4198237DDFB13051A2D6976439487C609388ED7F98189887920AB2FA0096903A0C23FCA1", new string('0', 96)],
            HostData = ["4f4448c67f3c8dfc8de8a5e37125d807dadcc41f06cf23f615dbd52eec777d10"],
            MinimumGuestSvn = 2,
            MinimumTcb = new TcbMinimum { BootLoader = 4, Tee = 0, Snp = 24, Microcode = 219, Fmc = 9 },
            Products = [SnpProduct.Milan],
            Vmpl = 0,
            MinimumReportVersion = 3,
        });
        Assert.True(evaluation.Satisfied, string.Join("; ", evaluation.Failures));
    }

    [Fact]
    public async Task Every_failed_rule_is_returned_with_field_expected_and_actual()
    {
        var claims = await ClaimsOf("gosevguest-milan-v2");
        var policy = new AttestationPolicy
        {
            Measurements = [new string('1', 96)],
            HostData = [new string('2', 64)],
            IdKeyDigests = [new string('3', 96)],
            AuthorKeyDigests = [new string('4', 96)],
            FamilyId = new string('5', 32),
            ImageId = new string('6', 32),
            MinimumGuestSvn = 1,
            MinimumTcb = new TcbMinimum { BootLoader = 3, Tee = 1, Snp = 8, Microcode = 115 },
            Products = [SnpProduct.Genoa, SnpProduct.Turin],
            SigningKey = SigningKeyRequirement.Vlek,
            AllowSmt = false,
            Vmpl = 2,
            MinimumReportVersion = 3,
        };

        var evaluation = AttestationPolicyEvaluator.Evaluate(claims, policy);

        Assert.False(evaluation.Satisfied);
        Assert.Equal(
            [
                "measurement", "host_data", "id_key_digest", "author_key_digest", "family_id", "image_id", "minimum_guest_svn",
                "minimum_tcb.bootloader", "minimum_tcb.tee", "minimum_tcb.snp", "minimum_tcb.microcode", "products", "signing_key",
                "debug", "smt", "vmpl", "minimum_report_version",
            ],
            evaluation.Failures.Select(f => f.Rule));
        var measurement = evaluation.Failures[0];
        Assert.Equal(nameof(AttestationClaims.Measurement), measurement.Field);
        Assert.Equal(new string('1', 96), measurement.Expected);
        Assert.Equal("b07af9620f3b839b47996422ddec6058338951d984e312115131ea82705eaf5b6bdf8a9ece31a5a608eb0cf2e4872b01", measurement.Actual);
        var microcode = evaluation.Failures.Single(f => f.Rule == "minimum_tcb.microcode");
        Assert.Equal((">= 115", "68"), (microcode.Expected, microcode.Actual));
    }

    [Fact]
    public async Task Masked_chip_id_and_migration_agent_are_policy_choices()
    {
        var platform = Platforms.Milan;
        var report = platform.SignReport(platform.NewReport() with { ChipId = new byte[64], Policy = new GuestPolicy(0x30000 | (1 << 18)) });
        var claims = await Verifiers.Offline(Platforms.Now, platform.TrustRoot).VerifyAsync(new SnpEvidence(report, platform.Vcek.CertificatePem), default);

        Assert.Equal(["migration_agent", "masked_chip_id"], AttestationPolicyEvaluator.Evaluate(claims, new AttestationPolicy()).Failures.Select(f => f.Rule));
        Assert.True(AttestationPolicyEvaluator.Evaluate(claims, new AttestationPolicy { AllowMaskedChipId = true, AllowMigrationAgent = true }).Satisfied);
    }

    [Fact]
    public async Task VMPL_is_a_policy_value_not_fixed_at_zero()
    {
        var vlek = await ClaimsOf("msteeav-aci-genoa");
        Assert.True(AttestationPolicyEvaluator.Evaluate(vlek, new AttestationPolicy { Vmpl = 0 }).Satisfied);
        var failure = Assert.Single(AttestationPolicyEvaluator.Evaluate(vlek, new AttestationPolicy { Vmpl = 1 }).Failures);
        Assert.Equal(("vmpl", "1", "0"), (failure.Rule, failure.Expected, failure.Actual));
    }

    [Fact]
    public async Task Turin_FMC_minimum_is_checked_on_Turin_only()
    {
        var turin = await ClaimsOf("msteeav-aci-turin");
        var failure = Assert.Single(AttestationPolicyEvaluator.Evaluate(turin, new AttestationPolicy { MinimumTcb = new TcbMinimum { Fmc = 2 } }).Failures);
        Assert.Equal(("minimum_tcb.fmc", "1"), (failure.Rule, failure.Actual));
    }
}
