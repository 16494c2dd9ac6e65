using Governance.Domain.Contracts;
using Governance.Protocol.Contracts;

namespace Governance.Domain.Tests.Contracts;

/// <summary>What a member's removal from the consortium does to the contracts it is party to.</summary>
public sealed class MemberDepartureTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Removed(string member) => $"member '{member}' was removed from the consortium";

    private static Contract Draft() => Contract.Create(Guid.NewGuid(), "alice", ContractSamples.Content("alice", "bob"), Now);

    private static Contract Proposed()
    {
        var contract = Draft();
        contract.Propose("alice", Now);
        return contract;
    }

    private static Contract Accepted()
    {
        var contract = Proposed();
        contract.Approve("alice", contract.Digest, ApprovalEvidence.UnsignedExternal, amended: null, Now);
        contract.Approve("bob", contract.Digest, ApprovalEvidence.UnsignedExternal, amended: null, Now);
        return contract;
    }

    [Fact]
    public void Drafts_and_proposed_contracts_are_rejected_by_the_system_naming_the_member()
    {
        foreach (var contract in new[] { Draft(), Proposed() })
        {
            contract.DrainEvents();
            Assert.True(contract.EndBecausePartyLostStanding("bob", Removed("bob"), Now.AddHours(1)));
            Assert.Equal(ContractStateName.Rejected, contract.State);
            var ended = Assert.Single(contract.DrainEvents());
            Assert.Equal((ContractEventKind.Rejected, "system"), (ended.Kind, ended.Actor));
            Assert.Contains("'bob' was removed", ended.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_accepted_contract_is_revoked_and_releases_nothing_more()
    {
        var contract = Accepted();
        Assert.True(contract.Check(Now).Allowed);

        Assert.True(contract.EndBecausePartyLostStanding("bob", Removed("bob"), Now.AddHours(1)));

        Assert.Equal(ContractStateName.Revoked, contract.State);
        Assert.False(contract.Check(Now.AddHours(1)).Allowed);
        Assert.Contains(contract.DrainEvents(), e => e.Kind == ContractEventKind.Revoked && e.Actor == "system");
    }

    [Fact]
    public void Contracts_of_others_and_contracts_already_ended_stay_as_they_are()
    {
        var unrelated = Accepted();
        Assert.False(unrelated.EndBecausePartyLostStanding("carol", Removed("carol"), Now));
        Assert.Equal(ContractStateName.Accepted, unrelated.State);

        var revoked = Accepted();
        revoked.Revoke("alice", "done", Now);
        var revision = revoked.Revision;
        Assert.False(revoked.EndBecausePartyLostStanding("bob", Removed("bob"), Now));
        Assert.Equal((ContractStateName.Revoked, revision), (revoked.State, revoked.Revision));
    }
}
