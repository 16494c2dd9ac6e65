using Governance.Domain.Release;

namespace Governance.Domain.Tests.Release;

public sealed class ReleaseRefusalsTests
{
    [Theory]
    [InlineData(ReleaseRules.EndorsementRevoked)]
    [InlineData(ReleaseRules.CrlStale)]
    [InlineData(ReleaseRules.EvidenceVerified)]
    public void Evidence_whose_chain_is_not_trusted_hides_the_contracts_rules_from_the_caller(string proofRule)
    {
        ReleaseFailure[] failures =
        [
            new(ReleaseRules.ContractRevoked, "revoked"),
            new(proofRule, "not trusted"),
            new(ReleaseRules.PolicyPrefix + "measurement", "other workload"),
        ];

        Assert.Equal([proofRule], ReleaseRefusals.ShownToCaller(failures).Select(f => f.Rule));
    }

    [Fact]
    public void A_caller_whose_proof_holds_is_told_every_rule()
    {
        ReleaseFailure[] failures = [new(ReleaseRules.ContractRevoked, "revoked"), new(ReleaseRules.PolicyPrefix + "cxl", "cxl")];

        Assert.Equal(failures, ReleaseRefusals.ShownToCaller(failures));
    }
}
