using Governance.Client;
using Governance.Client.Auth;
using Governance.Client.Errors;
using Governance.IntegrationTests.Cli;
using Governance.Protocol.Members;

namespace Governance.IntegrationTests.Sdk;

public sealed class MembersApiTests(CliServiceFixture service) : IClassFixture<CliServiceFixture>
{
    private GovernanceClient SignedInAs(string member) =>
        new(service.Server.BaseAddress, MemberKeyTokenProvider.FromPemFile(member, service.KeyPath(member)), service.Server.CreateHandler());

    [Fact]
    public async Task A_member_key_provider_signs_in_and_reads_its_own_record()
    {
        using var client = SignedInAs("alice");
        var me = await client.Members.GetMeAsync();
        Assert.Equal("alice", me.Id);
        Assert.Contains(me.Keys, k => k.KeyId == service.Alice.KeyId);
    }

    [Fact]
    public async Task Proposals_round_trip_through_the_typed_api()
    {
        using var alice = SignedInAs("alice");
        using var bob = SignedInAs("bob");
        var proposal = await alice.Proposals.ProposeAsync(new CreateProposalRequest { Kind = ProposalKindDto.RemoveMember, MemberId = "carol" });
        Assert.Equal(ProposalStateDto.Open, proposal.State);
        Assert.Contains(await bob.Proposals.ListAsync(ProposalStateDto.Open).ToListAsync(), p => p.Id == proposal.Id);
        var withdrawn = await alice.Proposals.WithdrawAsync(proposal.Id);
        Assert.Equal(ProposalStateDto.Withdrawn, withdrawn.State);
        Assert.Equal(withdrawn.State, (await bob.Proposals.GetAsync(proposal.Id)).State);
    }

    [Fact]
    public async Task An_unknown_member_is_a_typed_not_found_with_the_servers_detail()
    {
        using var client = SignedInAs("bob");
        var error = await Assert.ThrowsAsync<GovernanceNotFoundException>(() => client.Members.GetAsync("nobody"));
        Assert.False(string.IsNullOrWhiteSpace(error.Detail ?? error.Title));
    }

    [Fact]
    public async Task Without_a_token_the_service_answers_401_as_a_typed_exception()
    {
        using var client = new GovernanceClient(service.Server.BaseAddress, AnonymousTokenProvider.Instance, service.Server.CreateHandler());
        await Assert.ThrowsAsync<GovernanceUnauthorizedException>(() => client.Members.ListAsync());
    }
}
