using Governance.Persistence.Audit;
using System.Net;
using System.Net.Http.Json;
using Governance.IntegrationTests.Infrastructure;
using Governance.Persistence;
using Governance.Domain.Contracts;
using Governance.Persistence.Contracts;
using Governance.Protocol.Contracts;
using Governance.Protocol.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Members;

/// <summary>Each test founds its own consortium, since accepted proposals change who votes.</summary>
public sealed class ProposalTests
{
    private static async Task<(GovernanceApiFactory Factory, TestMember[] Voters, TestMember Auditor, TestMember Operator)> FoundAsync(
        int voters, string quorum = "majority")
    {
        var factory = new GovernanceApiFactory { MembershipQuorum = quorum };
        await factory.InitializeAsync();
        var members = Enumerable.Range(0, voters).Select(i => factory.AddGenesisMember($"voter-{i}", "member")).ToArray();
        var auditor = factory.AddGenesisMember("carol", "auditor");
        var op = factory.AddGenesisMember("oscar", "operator");
        return (factory, members, auditor, op);
    }

    private static async Task<ProposalResponse> Propose(GovernanceApiFactory factory, TestMember who, object body)
    {
        using var client = factory.CreateClient(who);
        var response = await client.PostAsJsonAsync("/proposals", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.NotNull(response.Headers.Location);
        return (await response.Content.ReadFromJsonAsync<ProposalResponse>())!;
    }

    private static async Task<HttpResponseMessage> Vote(GovernanceApiFactory factory, TestMember who, Guid id, string vote)
    {
        using var client = factory.CreateClient(who);
        return await client.PostAsJsonAsync($"/proposals/{id}/ballots", new { vote });
    }

    private static async Task<ProposalResponse> VoteOk(GovernanceApiFactory factory, TestMember who, Guid id, string vote)
    {
        var response = await Vote(factory, who, id, vote);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ProposalResponse>())!;
    }

    private static object AddMember(TestMember member) => new
    {
        kind = "addMember",
        memberId = member.Id,
        displayName = member.Id,
        roles = member.Roles,
        keys = new[] { member.PublicJwk },
    };

    private static async Task<HttpStatusCode> MeStatus(GovernanceApiFactory factory, TestMember who)
    {
        using var client = factory.CreateClient(who);
        return (await client.GetAsync("/members/me")).StatusCode;
    }

    [Fact]
    public async Task Adding_a_member_takes_effect_only_at_the_majority()
    {
        var (factory, voters, _, _) = await FoundAsync(4);
        await using var _f = factory;
        using var dave = TestMember.Create("dave", "member");

        var proposal = await Propose(factory, voters[0], AddMember(dave));
        Assert.Equal(ProposalStateDto.Open, proposal.State);
        Assert.Equal(ProposalStateDto.Open, (await VoteOk(factory, voters[0], proposal.Id, "approve")).State);
        Assert.Equal(ProposalStateDto.Open, (await VoteOk(factory, voters[1], proposal.Id, "approve")).State);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(factory, dave)); // 2 of 4 is not a majority

        var accepted = await VoteOk(factory, voters[2], proposal.Id, "approve");
        Assert.Equal(ProposalStateDto.Accepted, accepted.State);
        Assert.NotNull(accepted.ClosedAt);
        Assert.Equal(HttpStatusCode.OK, await MeStatus(factory, dave));

        // A ballot after the decision is refused.
        await ProblemAssert.IsProblem(await Vote(factory, voters[3], proposal.Id, "approve"), HttpStatusCode.Conflict);

        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditSequencer>().CatchUpAsync();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var actions = await db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
        Assert.Equal(["consortium.genesis", "proposal.opened", "proposal.ballot_cast", "proposal.ballot_cast", "proposal.ballot_cast", "proposal.accepted", "member.added"], actions);
    }

    [Fact]
    public async Task Removing_a_member_stops_their_sign_in_and_rejection_at_majority_closes_a_proposal()
    {
        var (factory, voters, _, _) = await FoundAsync(3);
        await using var _f = factory;

        var remove = await Propose(factory, voters[0], new { kind = "removeMember", memberId = voters[2].Id });
        await VoteOk(factory, voters[0], remove.Id, "approve");
        await VoteOk(factory, voters[2], remove.Id, "reject");
        Assert.Equal(HttpStatusCode.OK, await MeStatus(factory, voters[2]));
        Assert.Equal(ProposalStateDto.Accepted, (await VoteOk(factory, voters[1], remove.Id, "approve")).State);
        await ProblemAssert.IsProblem(await MeStatusResponse(factory, voters[2]), HttpStatusCode.Unauthorized);

        // Two voters left: two rejections of two decide "rejected"; one is enough to make a majority impossible.
        var back = await Propose(factory, voters[1], new { kind = "changeQuorum", quorum = "unanimity" });
        Assert.Equal(ProposalStateDto.Rejected, (await VoteOk(factory, voters[0], back.Id, "reject")).State);

        using var client = factory.CreateClient(voters[0]);
        var removed = await client.GetFromJsonAsync<MemberResponse>($"/members/{voters[2].Id}");
        Assert.Equal("removed", removed!.Status);
    }

    [Fact]
    public async Task Removing_a_member_ends_its_contracts_in_the_same_transaction()
    {
        var (factory, voters, _, _) = await FoundAsync(3);
        await using var _f = factory;
        var leaving = voters[1].Id;
        var proposed = await SeedContractAsync(factory, [voters[0].Id, leaving], accept: false);
        var accepted = await SeedContractAsync(factory, [voters[0].Id, leaving], accept: true);
        var unrelated = await SeedContractAsync(factory, [voters[0].Id, voters[2].Id], accept: true);

        var remove = await Propose(factory, voters[0], new { kind = "removeMember", memberId = leaving });
        await VoteOk(factory, voters[0], remove.Id, "approve");
        Assert.Equal(ProposalStateDto.Accepted, (await VoteOk(factory, voters[2], remove.Id, "approve")).State);

        await using var scope = factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IContractRepository>();
        Assert.Equal(ContractStateName.Rejected, (await store.FindAsync(proposed, CancellationToken.None))!.State);
        var revoked = (await store.FindAsync(accepted, CancellationToken.None))!;
        Assert.Equal(ContractStateName.Revoked, revoked.State);
        Assert.False(revoked.Check(DateTimeOffset.UtcNow).Allowed);
        Assert.Equal(ContractStateName.Accepted, (await store.FindAsync(unrelated, CancellationToken.None))!.State);
        var ending = Assert.Single(await store.EventsAsync(accepted, CancellationToken.None), e => e.Kind == ContractEventKind.Revoked);
        Assert.Equal("system", ending.Actor);
        Assert.Contains($"'{leaving}' was removed", ending.Reason, StringComparison.Ordinal);

        await scope.ServiceProvider.GetRequiredService<AuditSequencer>().CatchUpAsync();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var removal = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "member.removed");
        Assert.Contains(proposed.ToString("D"), removal.Details, StringComparison.Ordinal);
        Assert.Contains(accepted.ToString("D"), removal.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(unrelated.ToString("D"), removal.Details, StringComparison.Ordinal);
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.ActorKind == "system" && (e.Action == "contract.rejected" || e.Action == "contract.revoked")));
    }

    [Fact]
    public async Task Taking_a_partys_member_role_over_its_own_vote_ends_its_contracts_so_it_keeps_its_veto()
    {
        var (factory, voters, _, _) = await FoundAsync(3);
        await using var _f = factory;
        var demoted = voters[1].Id;
        var accepted = await SeedContractAsync(factory, [voters[0].Id, demoted], accept: true);
        var unrelated = await SeedContractAsync(factory, [voters[0].Id, voters[2].Id], accept: true);

        var demote = await Propose(factory, voters[0], new { kind = "changeRoles", memberId = demoted, roles = new[] { "auditor" } });
        await VoteOk(factory, voters[0], demote.Id, "approve");
        await VoteOk(factory, voters[1], demote.Id, "reject");
        Assert.Equal(ProposalStateDto.Accepted, (await VoteOk(factory, voters[2], demote.Id, "approve")).State);

        await using var scope = factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IContractRepository>();
        var revoked = (await store.FindAsync(accepted, CancellationToken.None))!;
        Assert.Equal(ContractStateName.Revoked, revoked.State);
        Assert.False(revoked.Check(DateTimeOffset.UtcNow).Allowed);
        Assert.Equal(ContractStateName.Accepted, (await store.FindAsync(unrelated, CancellationToken.None))!.State);
        var ending = Assert.Single(await store.EventsAsync(accepted, CancellationToken.None), e => e.Kind == ContractEventKind.Revoked);
        Assert.Equal(("system", true), (ending.Actor, ending.Reason!.Contains($"'{demoted}' no longer holds the member role", StringComparison.Ordinal)));

        await scope.ServiceProvider.GetRequiredService<AuditSequencer>().CatchUpAsync();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var change = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "member.roles_changed");
        Assert.Contains(accepted.ToString("D"), change.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(unrelated.ToString("D"), change.Details, StringComparison.Ordinal);
    }

    private static async Task<Guid> SeedContractAsync(GovernanceApiFactory factory, string[] parties, bool accept)
    {
        var content = new ContractContent
        {
            Title = "departure",
            Parties = parties,
            CleanRoom = new CleanRoomProfile { Type = 1, Vmpl = 0 },
            AttestationPolicy = new AttestationPolicySpec { Measurements = [new string('a', 96)] },
        };
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await StoredContracts.AddAsync(factory.Services, Contract.Create(id, parties[0], content, now));

        await ChangeAsync(factory, id, c => c.Propose(parties[0], now));
        if (accept)
        {
            foreach (var party in parties)
            {
                await ChangeAsync(factory, id, c => c.Approve(party, c.Digest, ApprovalEvidence.UnsignedExternal, amended: null, now));
            }
        }

        return id;
    }

    private static Task ChangeAsync(GovernanceApiFactory factory, Guid id, Action<Contract> change) =>
        StoredContracts.ChangeAsync(factory.Services, id, change);

    private static async Task<HttpResponseMessage> MeStatusResponse(GovernanceApiFactory factory, TestMember who)
    {
        using var client = factory.CreateClient(who);
        return await client.GetAsync("/members/me");
    }

    [Fact]
    public async Task Under_unanimity_every_voter_must_approve_and_one_rejection_rejects()
    {
        var (factory, voters, auditor, _) = await FoundAsync(3, "unanimity");
        await using var _f = factory;

        var roles = await Propose(factory, voters[0], new { kind = "changeRoles", memberId = auditor.Id, roles = new[] { "auditor", "member" } });
        await VoteOk(factory, voters[0], roles.Id, "approve");
        Assert.Equal(ProposalStateDto.Open, (await VoteOk(factory, voters[1], roles.Id, "approve")).State);
        Assert.Equal(ProposalStateDto.Accepted, (await VoteOk(factory, voters[2], roles.Id, "approve")).State);

        using (var client = factory.CreateClient(auditor))
        {
            var me = await client.GetFromJsonAsync<MemberResponse>("/members/me");
            Assert.Equal(["member", "auditor"], me!.Roles);
        }

        // carol now votes too: four voters, and one rejection rejects.
        using var erin = TestMember.Create("erin");
        var add = await Propose(factory, auditor, AddMember(erin));
        await VoteOk(factory, voters[0], add.Id, "approve");
        await VoteOk(factory, voters[1], add.Id, "approve");
        await VoteOk(factory, voters[2], add.Id, "approve");
        Assert.Equal(ProposalStateDto.Rejected, (await VoteOk(factory, auditor, add.Id, "reject")).State);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(factory, erin));
    }

    [Fact]
    public async Task Ballots_are_idempotent_conflicting_ones_refused_and_only_voters_vote()
    {
        var (factory, voters, auditor, op) = await FoundAsync(3);
        await using var _f = factory;
        using var dave = TestMember.Create("dave");
        var proposal = await Propose(factory, voters[0], AddMember(dave));

        var first = await VoteOk(factory, voters[1], proposal.Id, "reject");
        var again = await VoteOk(factory, voters[1], proposal.Id, "reject");
        Assert.Single(again.Ballots);
        Assert.Equal(first.Ballots[0].CastAt, again.Ballots[0].CastAt);
        var changed = await ProblemAssert.IsProblem(await Vote(factory, voters[1], proposal.Id, "approve"), HttpStatusCode.Conflict);
        Assert.Contains("already voted", changed.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await ProblemAssert.IsProblem(await Vote(factory, auditor, proposal.Id, "approve"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await Vote(factory, op, proposal.Id, "approve"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await Vote(factory, dave, proposal.Id, "approve"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblem(await Vote(factory, voters[0], Guid.NewGuid(), "approve"), HttpStatusCode.NotFound);

        using var anonymous = factory.CreateClient();
        await ProblemAssert.IsProblem(await anonymous.PostAsJsonAsync($"/proposals/{proposal.Id}/ballots", new { vote = "approve" }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Only_the_proposer_withdraws_and_accepting_one_proposal_drops_the_others()
    {
        var (factory, voters, _, _) = await FoundAsync(3);
        await using var _f = factory;
        using var dave = TestMember.Create("dave");
        using var erin = TestMember.Create("erin");

        var withdrawn = await Propose(factory, voters[0], AddMember(dave));
        using (var other = factory.CreateClient(voters[1]))
        {
            await ProblemAssert.IsProblem(await other.PostAsync($"/proposals/{withdrawn.Id}/withdraw", null), HttpStatusCode.Forbidden);
        }

        using (var proposer = factory.CreateClient(voters[0]))
        {
            var response = await proposer.PostAsync($"/proposals/{withdrawn.Id}/withdraw", null);
            Assert.Equal(ProposalStateDto.Withdrawn, (await response.Content.ReadFromJsonAsync<ProposalResponse>())!.State);
            await ProblemAssert.IsProblem(await proposer.PostAsync($"/proposals/{withdrawn.Id}/withdraw", null), HttpStatusCode.Conflict);
        }

        var addDave = await Propose(factory, voters[0], AddMember(dave));
        var addErin = await Propose(factory, voters[1], AddMember(erin));
        var quorum = await Propose(factory, voters[2], new { kind = "changeQuorum", quorum = "unanimity" });
        await VoteOk(factory, voters[0], addDave.Id, "approve");
        Assert.Equal(ProposalStateDto.Accepted, (await VoteOk(factory, voters[1], addDave.Id, "approve")).State);

        using var client = factory.CreateClient(voters[0]);
        Assert.Equal(ProposalStateDto.Dropped, (await client.GetFromJsonAsync<ProposalResponse>($"/proposals/{addErin.Id}"))!.State);
        Assert.Equal(ProposalStateDto.Dropped, (await client.GetFromJsonAsync<ProposalResponse>($"/proposals/{quorum.Id}"))!.State);
        var dropped = await client.GetFromJsonAsync<ProposalPage>("/proposals?state=dropped");
        Assert.Equal(2, dropped!.Items.Count);
        var open = await client.GetFromJsonAsync<ProposalPage>("/proposals?state=open");
        Assert.Empty(open!.Items);
        await ProblemAssert.IsProblem(await client.GetAsync("/proposals?state=nonsense"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Proposals_are_listed_newest_first_a_page_at_a_time()
    {
        var (factory, voters, _, _) = await FoundAsync(3);
        await using var _f = factory;
        var proposed = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            using var newcomer = TestMember.Create($"newcomer-{i}", "member");
            proposed.Add((await Propose(factory, voters[i % voters.Length], AddMember(newcomer))).Id);
        }

        using var client = factory.CreateClient(voters[0]);
        var all = (await client.GetFromJsonAsync<ProposalPage>("/proposals?limit=200"))!;
        Assert.Null(all.NextCursor);
        Assert.Equal(proposed.Order(), all.Items.Select(p => p.Id).Order());
        Assert.True(all.Items.Zip(all.Items.Skip(1)).All(pair => pair.First.CreatedAt >= pair.Second.CreatedAt));

        var paged = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = (await client.GetFromJsonAsync<ProposalPage>("/proposals?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))))!;
            Assert.InRange(page.Items.Count, 1, 2);
            paged.AddRange(page.Items.Select(p => p.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(all.Items.Select(p => p.Id), paged);
        await ProblemAssert.IsProblem(await client.GetAsync("/proposals?cursor=not-ours"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblem(await client.GetAsync("/proposals?limit=0"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Proposals_that_could_never_apply_are_refused()
    {
        var (factory, voters, _, _) = await FoundAsync(1);
        await using var _f = factory;
        using var client = factory.CreateClient(voters[0]);

        async Task Refused(object body, HttpStatusCode status) =>
            await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/proposals", body), status);

        await Refused(new { kind = "addMember", memberId = voters[0].Id, displayName = "x", roles = new[] { "member" }, keys = new[] { TestMember.Create("x").PublicJwk } }, HttpStatusCode.Conflict);
        await Refused(new { kind = "addMember", memberId = "newbie", displayName = "x", roles = new[] { "member" }, keys = new[] { voters[0].PublicJwk } }, HttpStatusCode.Conflict);
        await Refused(new { kind = "addMember", memberId = "Not A Slug", displayName = "x", roles = new[] { "member" }, keys = new[] { TestMember.Create("x").PublicJwk } }, HttpStatusCode.UnprocessableEntity);
        await Refused(new { kind = "addMember", memberId = "newbie", displayName = "x", roles = new[] { "king" }, keys = new[] { TestMember.Create("x").PublicJwk } }, HttpStatusCode.UnprocessableEntity);
        await Refused(new { kind = "addMember", memberId = "newbie", displayName = "x", roles = new[] { "member" } }, HttpStatusCode.UnprocessableEntity);
        await Refused(new { kind = "removeMember", memberId = voters[0].Id }, HttpStatusCode.UnprocessableEntity);
        await Refused(new { kind = "removeMember", memberId = "nobody" }, HttpStatusCode.NotFound);
        await Refused(new { kind = "removeMember", memberId = voters[0].Id, quorum = "majority" }, HttpStatusCode.UnprocessableEntity);
        await Refused(new { kind = "changeQuorum", quorum = "majority" }, HttpStatusCode.UnprocessableEntity);
        await Refused(new { kind = "changeQuorum", quorum = "most" }, HttpStatusCode.UnprocessableEntity);
        await Refused(new { kind = "changeRoles", memberId = voters[0].Id, roles = new[] { "auditor" } }, HttpStatusCode.UnprocessableEntity);

        // A consortium of one decides alone.
        var quorum = await Propose(factory, voters[0], new { kind = "changeQuorum", quorum = "unanimity" });
        Assert.Equal(ProposalStateDto.Accepted, (await VoteOk(factory, voters[0], quorum.Id, "approve")).State);
    }

    [Fact]
    public async Task An_addMember_naming_more_keys_than_a_member_may_hold_is_refused()
    {
        var (factory, voters, _, _) = await FoundAsync(1);
        await using var _f = factory;
        using var client = factory.CreateClient(voters[0]);
        var keys = Enumerable.Range(0, Domain.Members.Member.MaxActiveKeys + 1).Select(_ => TestMember.Create("x")).ToList();
        try
        {
            var body = new { kind = "addMember", memberId = "newbie", displayName = "x", roles = new[] { "member" }, keys = keys.Select(k => k.PublicJwk).ToArray() };
            var refused = await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/proposals", body), HttpStatusCode.UnprocessableEntity);
            Assert.Contains($"at most {Domain.Members.Member.MaxActiveKeys}", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

            var atTheBound = body with { keys = keys.Skip(1).Select(k => k.PublicJwk).ToArray() };
            await Propose(factory, voters[0], atTheBound);
        }
        finally
        {
            keys.ForEach(k => k.Dispose());
        }
    }

    [Fact]
    public async Task A_key_registered_while_an_addMember_is_open_refuses_the_deciding_ballot_and_changes_nothing()
    {
        var (factory, voters, _, _) = await FoundAsync(2);
        await using var _f = factory;
        using var dave = TestMember.Create("dave", "member");
        var proposal = await Propose(factory, voters[0], AddMember(dave));
        await VoteOk(factory, voters[0], proposal.Id, "approve");

        // Voter 1 registers the key the proposal names as its own before the proposal is decided.
        using (var squatter = factory.CreateClient(voters[1]))
        {
            Assert.Equal(HttpStatusCode.Created, (await squatter.PostAsJsonAsync("/members/me/keys", new { key = dave.PublicJwk })).StatusCode);
        }

        await AssertDecidingBallotRefusedAsync(factory, voters[1], proposal.Id, dave);
    }

    [Fact]
    public async Task A_recovery_key_registered_while_an_addMember_is_open_refuses_the_deciding_ballot_and_changes_nothing()
    {
        var (factory, voters, _, _) = await FoundAsync(2);
        await using var _f = factory;
        using var dave = new TestMember("dave", ["member"], System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384));
        var proposal = await Propose(factory, voters[0], AddMember(dave));
        await VoteOk(factory, voters[0], proposal.Id, "approve");

        using (var squatter = factory.CreateClient(voters[1]))
        {
            Assert.Equal(HttpStatusCode.OK, (await squatter.PutAsJsonAsync("/members/me/recovery-key", new { key = dave.PublicJwk })).StatusCode);
        }

        await AssertDecidingBallotRefusedAsync(factory, voters[1], proposal.Id, dave);

        // Naming someone's recovery key is refused when proposed, too.
        using var client = factory.CreateClient(voters[0]);
        var again = new { kind = "addMember", memberId = "dave-again", displayName = "x", roles = new[] { "member" }, keys = new[] { dave.PublicJwk } };
        await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/proposals", again), HttpStatusCode.Conflict);
    }

    private static async Task AssertDecidingBallotRefusedAsync(GovernanceApiFactory factory, TestMember voter, Guid proposalId, TestMember named)
    {
        var refused = await ProblemAssert.IsProblem(await Vote(factory, voter, proposalId, "approve"), HttpStatusCode.Conflict);
        Assert.Contains(named.KeyId, refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var client = factory.CreateClient(voter);
        var still = await client.GetFromJsonAsync<ProposalResponse>($"/proposals/{proposalId}");
        Assert.Equal(ProposalStateDto.Open, still!.State);
        Assert.Single(still.Ballots);
        await ProblemAssert.IsProblem(await client.GetAsync($"/members/{named.Id}"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(factory, named));
    }
}
