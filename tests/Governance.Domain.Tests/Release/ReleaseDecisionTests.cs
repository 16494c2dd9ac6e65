using Governance.Attestation.Policy;
using Governance.Domain.Contracts;
using Governance.Domain.Release;
using Governance.Domain.Secrets;

namespace Governance.Domain.Tests.Release;

/// <summary>The release decision as a pure function of its facts.</summary>
public sealed class ReleaseDecisionTests
{
    private static readonly AttestationPolicy Pinned = new() { Measurements = [new string('a', 96)] };

    private static ReleaseContract Contract(
        ReleaseEligibility? eligibility = null, bool contentMatches = true, AttestationPolicy? policy = null, ConsentState? consent = null) =>
        new("c1", new string('0', 64), ["alice", "bob"], policy ?? Pinned, null,
            [new ReleaseSecretRef("alice", "model")],
            [new ReleaseDatasetRef("bob", "sales", "https://storage.example/sales", "parquet", null, "sales-key", null)],
            eligibility ?? ReleaseEligibility.Eligible, "Accepted", contentMatches, "seal", Revision: 3, MaxReleases: null,
            consent ?? ConsentState.Initial(["alice", "bob"]), Protocol.Contracts.EgressMode.Secure, null);

    private static ReleaseFacts Facts(ReleaseContract? contract, NonceState nonce = NonceState.Consumed, bool sealValid = true) =>
        new(nonce, null, [], null, contract, sealValid, null, false, null);

    private static string[] Rules(ReleaseFacts facts) => [.. ReleaseDecision.Evaluate(facts).Select(f => f.Rule).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData(NonceState.Malformed, ReleaseRules.NonceFormat)]
    [InlineData(NonceState.Unknown, ReleaseRules.NonceKnown)]
    [InlineData(NonceState.AlreadyUsed, ReleaseRules.NonceUnused)]
    [InlineData(NonceState.Expired, ReleaseRules.NonceUnexpired)]
    public void Each_nonce_state_names_its_rule(NonceState state, string rule) =>
        Assert.Equal([rule], Rules(Facts(Contract(), state)));

    [Theory]
    [InlineData(NonceState.Consumed)]
    [InlineData(NonceState.Usable)]
    public void A_nonce_used_up_by_this_request_or_still_usable_when_read_breaks_no_rule(NonceState state) =>
        Assert.Empty(Rules(Facts(Contract(), state) with { SecretsPresent = new HashSet<Governance.Domain.Secrets.SecretRef> { new("alice", "model"), new("bob", "sales-key") } }));

    [Fact]
    public void A_missing_contract_is_named_and_nothing_else_about_it_is_checked() =>
        Assert.Equal([ReleaseRules.ContractExists], Rules(Facts(null)));

    [Theory]
    [InlineData(ReleaseIneligibility.NotAccepted, "contract.not_accepted")]
    [InlineData(ReleaseIneligibility.Revoked, "contract.revoked")]
    [InlineData(ReleaseIneligibility.Superseded, "contract.superseded")]
    [InlineData(ReleaseIneligibility.NotYetValid, "contract.not_yet_valid")]
    [InlineData(ReleaseIneligibility.Expired, "contract.expired")]
    [InlineData(ReleaseIneligibility.ReleaseLimitReached, "contract.release_limit_reached")]
    public void A_contract_not_in_force_names_why(ReleaseIneligibility reason, string rule) =>
        Assert.Equal([rule], Rules(Facts(Contract(ReleaseEligibility.Refused(reason, "not in force")), sealValid: false)));

    [Fact]
    public void A_pause_by_any_party_is_named_and_counts_only_for_a_contract_in_force()
    {
        var paused = ConsentState.Of(["alice", "bob"], [new ConsentSetting("bob", ConsentSwitch.Execution, false)], 1);

        var failure = Assert.Single(ReleaseDecision.Evaluate(Facts(Contract(consent: paused))));
        Assert.Equal(ReleaseRules.ContractPaused, failure.Rule);
        Assert.Contains("bob", failure.Detail, StringComparison.Ordinal);
        Assert.Equal([ReleaseRules.ContractRevoked], Rules(Facts(
            Contract(ReleaseEligibility.Refused(ReleaseIneligibility.Revoked, "revoked"), consent: paused), sealValid: false)));
    }

    [Fact]
    public void Content_that_does_not_hash_to_its_digest_or_an_unsealed_digest_is_a_mismatch()
    {
        Assert.Equal([ReleaseRules.ContractDigestMismatch], Rules(Facts(Contract(contentMatches: false))));
        Assert.Equal([ReleaseRules.ContractDigestMismatch], Rules(Facts(Contract(), sealValid: false)));
        Assert.True(ReleaseDecision.IsTampering(ReleaseDecision.Evaluate(Facts(Contract(), sealValid: false))));
    }

    [Fact]
    public void A_contract_that_pins_no_workload_releases_to_nobody() =>
        Assert.Equal([ReleaseRules.WorkloadPinned], Rules(Facts(Contract(policy: new AttestationPolicy()))));

    [Fact]
    public void Every_secret_not_uploaded_is_named_once()
    {
        var facts = Facts(Contract()) with { SecretsPresent = new HashSet<SecretRef> { new("alice", "model") } };
        var failure = Assert.Single(ReleaseDecision.Evaluate(facts));
        Assert.Equal((ReleaseRules.SecretsPresent, "absent"), (failure.Rule, failure.Actual));
        Assert.Contains("bob/sales-key", failure.Detail, StringComparison.Ordinal);
        Assert.Empty(ReleaseDecision.Evaluate(facts with { SecretsPresent = new HashSet<SecretRef> { new("alice", "model"), new("bob", "sales-key") } }));
    }

    [Fact]
    public void Failures_accumulate_rather_than_stopping_at_the_first()
    {
        var facts = Facts(Contract(ReleaseEligibility.Refused(ReleaseIneligibility.Revoked, "revoked")), NonceState.AlreadyUsed, sealValid: false)
            with { EvidenceFailures = [new ReleaseFailure(ReleaseRules.EvidenceVerified, "bad signature")], ManifestMalformed = true };
        Assert.Equal([ReleaseRules.ContractRevoked, ReleaseRules.EvidenceFormat, ReleaseRules.EvidenceVerified, ReleaseRules.NonceUnused], Rules(facts));
    }
}
