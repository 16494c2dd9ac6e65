using System.Security.Cryptography;
using Governance.Domain.Custody;
using Governance.Domain.Errors;
using Governance.Domain.Members;
using Governance.Domain.Proposals;

namespace Governance.Domain.Tests.Custody;

/// <summary>
/// The consortium decides which service builds hold its key-encryption key and who holds recovery shares, by proposal;
/// and the rules carry a seal that only a holder of the key can make.
/// </summary>
public sealed class CustodyRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string BuildA = new('a', 96), BuildB = new('B', 96);

    private static Member NewMember(string id, bool withRecoveryKey)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var recovery = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        using var recoveryAsEcdsa = ECDsa.Create(recovery.ExportParameters(includePrivateParameters: false));
        return new Member(id, id, new SortedSet<MemberRole> { MemberRole.Member }, MemberStatus.Active,
            [MemberKey.From(MemberPublicKey.FromEcdsa(key), Now)], [], withRecoveryKey ? MemberPublicKey.FromEcdsa(recoveryAsEcdsa) : null);
    }

    private static Membership Consortium(bool carolHasRecoveryKey = true) =>
        new([NewMember("alice", true), NewMember("bob", true), NewMember("carol", carolHasRecoveryKey)], QuorumRule.Majority);

    private static Enactment Accept(Membership membership, ProposalChange change)
    {
        var proposal = Proposal.Open(Guid.NewGuid(), "alice", change, membership, Now);
        membership.EnsureApplicable(change);
        proposal.Cast("alice", Vote.Approve, membership, Now);
        proposal.Cast("bob", Vote.Approve, membership, Now);
        return membership.Enact(proposal, [proposal], Now);
    }

    [Fact]
    public void Measurements_are_48_bytes_of_hex_lowercased_sorted_and_distinct()
    {
        Assert.Equal([BuildA, BuildB.ToLowerInvariant()], ServiceMeasurements.RequireSet([BuildB, BuildA]));
        Assert.Throws<DomainException>(() => ServiceMeasurements.RequireSet([]));
        Assert.Throws<DomainException>(() => ServiceMeasurements.RequireSet([BuildA, BuildA.ToUpperInvariant()]));
        Assert.Throws<DomainException>(() => ServiceMeasurements.RequireSet([new string('a', 94)]));
        Assert.Throws<DomainException>(() => ServiceMeasurements.RequireSet([new string('g', 96)]));
        Assert.Throws<DomainException>(() => ServiceMeasurements.RequireSet(Enumerable.Range(0, 17).Select(i => i.ToString("x96", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void A_recovery_policy_needs_a_threshold_between_one_and_the_number_of_distinct_holders()
    {
        var policy = RecoveryPolicy.Create(2, ["carol", "alice", "bob"]);
        Assert.Equal(["alice", "bob", "carol"], policy.Holders);
        Assert.Equal("2 of 3 (alice, bob, carol)", policy.ToString());
        Assert.Equal(policy, RecoveryPolicy.Create(2, ["bob", "carol", "alice"]));
        Assert.Throws<DomainException>(() => RecoveryPolicy.Create(0, ["alice"]));
        Assert.Throws<DomainException>(() => RecoveryPolicy.Create(3, ["alice", "bob"]));
        Assert.Throws<DomainException>(() => RecoveryPolicy.Create(1, ["alice", "alice"]));
        Assert.Throws<DomainException>(() => RecoveryPolicy.Create(1, []));
        Assert.Throws<DomainException>(() => RecoveryPolicy.Create(1, ["Not An Id!"]));
    }

    [Fact]
    public void An_accepted_measurement_proposal_replaces_the_approved_builds()
    {
        var membership = Consortium();
        membership.ApproveFirstBuild(BuildA);
        var enactment = Accept(membership, ProposalChange.SetServiceMeasurements([BuildA, BuildB]));
        Assert.Equal([BuildA, BuildB.ToLowerInvariant()], enactment.Custody!.Measurements);
        Assert.True(membership.Custody.Approves(BuildB.ToLowerInvariant()));
        Assert.Throws<InvalidOperationException>(() => membership.ApproveFirstBuild(BuildB));
        Assert.Throws<DomainException>(() => membership.EnsureApplicable(ProposalChange.SetServiceMeasurements([BuildB, BuildA])));
    }

    [Fact]
    public void A_recovery_policy_needs_every_holder_to_have_a_recovery_key()
    {
        var membership = Consortium(carolHasRecoveryKey: false);
        var refused = Assert.Throws<DomainException>(() => membership.EnsureApplicable(ProposalChange.SetRecoveryPolicy(RecoveryPolicy.Create(2, ["alice", "carol"]))));
        Assert.Contains("carol", refused.Message, StringComparison.Ordinal);

        var enactment = Accept(membership, ProposalChange.SetRecoveryPolicy(RecoveryPolicy.Create(2, ["alice", "bob"])));
        Assert.Equal(RecoveryPolicy.Create(2, ["alice", "bob"]), enactment.Custody!.Recovery);
        Assert.Null(enactment.Quorum);
    }

    [Fact]
    public void A_recovery_key_is_P384_and_never_one_of_the_members_sign_in_keys()
    {
        var alice = NewMember("alice", false);
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Throws<DomainException>(() => alice.SetRecoveryKey(MemberPublicKey.FromEcdsa(p256)));
        var signIn = MemberPublicKey.FromJwk(alice.Keys[0].PublicJwk);
        Assert.Throws<DomainException>(() => alice.SetRecoveryKey(signIn));
    }

    [Fact]
    public void The_rules_seal_changes_with_the_rules_and_with_the_key()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var rules = new ServiceCustodyRules([BuildA], RecoveryPolicy.Create(2, ["alice", "bob"]));
        var seal = CustodySeals.RulesSeal(key, rules);
        Assert.True(CustodySeals.RulesMatch(key, rules with { Measurements = [BuildA] }, seal));
        Assert.False(CustodySeals.RulesMatch(key, rules with { Measurements = [BuildA, BuildB.ToLowerInvariant()] }, seal));
        Assert.False(CustodySeals.RulesMatch(key, rules with { Recovery = RecoveryPolicy.Create(1, ["alice", "bob"]) }, seal));
        Assert.False(CustodySeals.RulesMatch(RandomNumberGenerator.GetBytes(32), rules, seal));
        Assert.True(CustodySeals.IsKey(key, CustodySeals.KeyCheck(key)));
        Assert.False(CustodySeals.IsKey(RandomNumberGenerator.GetBytes(32), CustodySeals.KeyCheck(key)));
    }
}
