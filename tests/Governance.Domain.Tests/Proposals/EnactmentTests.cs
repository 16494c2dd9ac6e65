using System.Security.Cryptography;
using Governance.Domain.Errors;
using Governance.Domain.Members;
using Governance.Domain.Proposals;

namespace Governance.Domain.Tests.Proposals;

/// <summary>What an accepted proposal does to the consortium, decided without the database.</summary>
public sealed class EnactmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);

    private static Member NewMember(string id, params MemberRole[] roles)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new Member(id, id, new SortedSet<MemberRole>(roles.Length == 0 ? [MemberRole.Member] : roles), MemberStatus.Active,
            [MemberKey.From(MemberPublicKey.FromEcdsa(key), Now)], []);
    }

    private static Membership Consortium() => new([NewMember("alice"), NewMember("bob"), NewMember("carol", MemberRole.Member, MemberRole.Auditor)], QuorumRule.Majority);

    private static Enactment Accept(Membership membership, ProposalChange change, params Proposal[] open)
    {
        var proposal = Proposal.Open(Guid.NewGuid(), "alice", change, membership, Now);
        proposal.Cast("alice", Vote.Approve, membership, Now);
        proposal.Cast("bob", Vote.Approve, membership, Now);
        Assert.Equal(ProposalState.Accepted, proposal.State);
        return membership.Enact(proposal, [proposal, .. open], Now);
    }

    [Fact]
    public void Removing_a_member_ends_its_contracts_because_it_was_removed()
    {
        var membership = Consortium();
        var enactment = Accept(membership, ProposalChange.RemoveMember("carol"));
        Assert.True(enactment.Removed);
        Assert.Equal("carol", enactment.Changed!.Id);
        Assert.False(enactment.Changed.IsActive);
        Assert.Equal("member 'carol' was removed from the consortium", enactment.ContractsEndBecause);
        Assert.Null(enactment.Added);
        Assert.Null(enactment.Quorum);
    }

    [Fact]
    public void Losing_the_member_role_ends_the_contracts_and_keeping_it_does_not()
    {
        var membership = Consortium();
        var lost = Accept(membership, ProposalChange.ChangeRoles("carol", new SortedSet<MemberRole> { MemberRole.Auditor }));
        Assert.False(lost.Removed);
        Assert.Equal("member 'carol' no longer holds the member role", lost.ContractsEndBecause);

        var kept = Accept(Consortium(), ProposalChange.ChangeRoles("carol", new SortedSet<MemberRole> { MemberRole.Member }));
        Assert.Equal([MemberRole.Member], kept.Changed!.Roles);
        Assert.Null(kept.ContractsEndBecause);
    }

    [Fact]
    public void A_quorum_change_names_the_new_rule_and_drops_the_other_open_proposals()
    {
        var membership = Consortium();
        var other = Proposal.Open(Guid.NewGuid(), "bob", ProposalChange.RemoveMember("carol"), membership, Now);
        var enactment = Accept(membership, ProposalChange.ChangeQuorum(QuorumRule.Unanimity), other);
        Assert.Equal(QuorumRule.Unanimity, enactment.Quorum);
        Assert.Equal(QuorumRule.Unanimity, membership.Quorum);
        Assert.Null(enactment.Changed);
        Assert.Null(enactment.ContractsEndBecause);
        Assert.Equal(ProposalState.Dropped, Assert.Single(enactment.Dropped).State);
    }

    [Fact]
    public void The_key_of_a_removed_member_stays_in_use_for_a_new_member()
    {
        var membership = Consortium();
        var bobsKey = membership.Find("bob")!.Keys[0];
        var reused = ProposalChange.AddMember("erin", "Erin", new SortedSet<MemberRole> { MemberRole.Member },
            [MemberPublicKey.FromJwk(bobsKey.PublicJwk)]);
        Accept(membership, ProposalChange.RemoveMember("bob"));
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => membership.EnsureApplicable(reused)).Kind);
    }

    private static ProposalChange AddErin(params MemberPublicKey[] keys) =>
        ProposalChange.AddMember("erin", "Erin", new SortedSet<MemberRole> { MemberRole.Member }, keys);

    private static MemberPublicKey NewKey(ECCurve curve)
    {
        using var ecdsa = ECDsa.Create(curve);
        return MemberPublicKey.FromEcdsa(ecdsa);
    }

    [Fact]
    public void A_new_member_named_with_more_keys_than_a_member_may_hold_is_refused_when_proposed()
    {
        var membership = Consortium();
        var keys = Enumerable.Range(0, Member.MaxActiveKeys + 1).Select(_ => NewKey(ECCurve.NamedCurves.nistP256)).ToArray();
        var refused = Assert.Throws<DomainException>(() => membership.EnsureApplicable(AddErin(keys)));
        Assert.Equal(ErrorKind.Unprocessable, refused.Kind);
        membership.EnsureApplicable(AddErin(keys[1..]));
    }

    [Fact]
    public void A_key_registered_after_the_proposal_refuses_its_enactment_and_changes_nothing()
    {
        var membership = Consortium();
        var key = NewKey(ECCurve.NamedCurves.nistP256);
        var change = AddErin(key);
        membership.EnsureApplicable(change);
        membership.Find("bob")!.AddKey(key, KeyRegistration.Nowhere, Now);

        var refused = Assert.Throws<DomainException>(() => Accept(membership, change));
        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Contains(key.KeyId, refused.Message, StringComparison.Ordinal);
        Assert.Null(membership.Find("erin"));
    }

    [Fact]
    public void A_recovery_key_is_in_use_for_a_new_member_when_proposed_and_when_enacted()
    {
        var membership = Consortium();
        var key = NewKey(ECCurve.NamedCurves.nistP384);
        var change = AddErin(key);
        membership.EnsureApplicable(change);
        membership.Find("bob")!.SetRecoveryKey(key);

        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => membership.EnsureApplicable(change)).Kind);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => Accept(membership, change)).Kind);
        Assert.Null(membership.Find("erin"));
    }
}
