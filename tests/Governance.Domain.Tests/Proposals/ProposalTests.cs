using System.Security.Cryptography;
using Governance.Domain.Errors;
using Governance.Domain.Members;
using Governance.Domain.Proposals;

namespace Governance.Domain.Tests.Proposals;

public sealed class ProposalTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);

    private static Member NewMember(string id, params MemberRole[] roles)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new Member(id, id, new SortedSet<MemberRole>(roles.Length == 0 ? [MemberRole.Member] : roles), MemberStatus.Active,
            [MemberKey.From(MemberPublicKey.FromEcdsa(key), Now)], []);
    }

    private static Membership Consortium(QuorumRule rule = QuorumRule.Majority) => new(
        [NewMember("alice"), NewMember("bob"), NewMember("dave"), NewMember("carol", MemberRole.Auditor), NewMember("oscar", MemberRole.Operator)], rule);

    private static ProposalChange AddErin()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        return ProposalChange.AddMember("erin", "Erin", new SortedSet<MemberRole> { MemberRole.Member }, [MemberPublicKey.FromEcdsa(key)]);
    }

    [Fact]
    public void Operators_and_auditors_neither_propose_nor_vote_nor_count()
    {
        var membership = Consortium();
        Assert.Equal(3, membership.VoterCount);
        Assert.Equal(ErrorKind.Forbidden, Assert.Throws<DomainException>(() => Proposal.Open(Guid.NewGuid(), "oscar", AddErin(), membership, Now)).Kind);
        var proposal = Proposal.Open(Guid.NewGuid(), "alice", AddErin(), membership, Now);
        Assert.Equal(ErrorKind.Forbidden, Assert.Throws<DomainException>(() => proposal.Cast("oscar", Vote.Approve, membership, Now)).Kind);
        Assert.Equal(ErrorKind.Forbidden, Assert.Throws<DomainException>(() => proposal.Cast("carol", Vote.Approve, membership, Now)).Kind);
    }

    [Fact]
    public void Same_ballot_again_is_a_no_op_and_a_different_one_conflicts()
    {
        var membership = Consortium();
        var proposal = Proposal.Open(Guid.NewGuid(), "alice", AddErin(), membership, Now);
        Assert.True(proposal.Cast("bob", Vote.Reject, membership, Now));
        Assert.False(proposal.Cast("bob", Vote.Reject, membership, Now.AddMinutes(1)));
        Assert.Single(proposal.Ballots);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => proposal.Cast("bob", Vote.Approve, membership, Now)).Kind);
    }

    [Fact]
    public void Accepting_applies_the_change_and_drops_every_other_open_proposal()
    {
        var membership = Consortium();
        var add = Proposal.Open(Guid.NewGuid(), "alice", AddErin(), membership, Now);
        var quorum = Proposal.Open(Guid.NewGuid(), "bob", ProposalChange.ChangeQuorum(QuorumRule.Unanimity), membership, Now);
        var withdrawn = Proposal.Open(Guid.NewGuid(), "dave", ProposalChange.RemoveMember("carol"), membership, Now);
        withdrawn.Withdraw("dave", Now);

        add.Cast("alice", Vote.Approve, membership, Now);
        Assert.True(add.IsOpen);
        add.Cast("bob", Vote.Approve, membership, Now);
        Assert.Equal(ProposalState.Accepted, add.State);

        var enactment = membership.Enact(add, [add, quorum, withdrawn], Now);
        var erin = enactment.Added;
        Assert.Equal("erin", erin!.Id);
        Assert.Same(erin, membership.Find("erin"));
        Assert.Equal([quorum], enactment.Dropped);
        Assert.True(erin.IsVoter);
        Assert.Equal(ProposalState.Dropped, quorum.State);
        Assert.Equal(ProposalState.Withdrawn, withdrawn.State);
    }

    [Fact]
    public void Only_the_proposer_withdraws_and_only_while_open()
    {
        var membership = Consortium();
        var proposal = Proposal.Open(Guid.NewGuid(), "alice", AddErin(), membership, Now);
        Assert.Equal(ErrorKind.Forbidden, Assert.Throws<DomainException>(() => proposal.Withdraw("bob", Now)).Kind);
        proposal.Withdraw("alice", Now);
        Assert.Equal(ProposalState.Withdrawn, proposal.State);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => proposal.Withdraw("alice", Now)).Kind);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => proposal.Cast("bob", Vote.Approve, membership, Now)).Kind);
    }

    [Fact]
    public void Changes_that_could_never_apply_are_refused_up_front()
    {
        var membership = new Membership([NewMember("alice"), NewMember("carol", MemberRole.Auditor)], QuorumRule.Majority);
        Assert.Equal(ErrorKind.Unprocessable, Assert.Throws<DomainException>(() =>
            membership.EnsureApplicable(ProposalChange.RemoveMember("alice"), [], [])).Kind);
        Assert.Equal(ErrorKind.Unprocessable, Assert.Throws<DomainException>(() =>
            membership.EnsureApplicable(ProposalChange.ChangeRoles("alice", new SortedSet<MemberRole> { MemberRole.Auditor }), [], [])).Kind);
        Assert.Equal(ErrorKind.Unprocessable, Assert.Throws<DomainException>(() =>
            membership.EnsureApplicable(ProposalChange.ChangeQuorum(QuorumRule.Majority), [], [])).Kind);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<DomainException>(() =>
            membership.EnsureApplicable(ProposalChange.RemoveMember("nobody"), [], [])).Kind);
        var add = AddErin();
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() =>
            membership.EnsureApplicable(add, [add.Keys![0].KeyId], [])).Kind);
        membership.EnsureApplicable(ProposalChange.RemoveMember("carol"), [], []);
    }
}
