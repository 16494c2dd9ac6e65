using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Api.Auth;
using Governance.Domain.Audit;
using Governance.IntegrationTests.Infrastructure;
using Governance.Persistence.Audit;
using Governance.Protocol.Audit;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Governance.IntegrationTests.Audit;

/// <summary>
/// The real app with genesis members who sign in with their own keys: the authorisation rules of the
/// audit endpoints and the proofs they serve.
/// </summary>
public sealed class AuditApiFactory : GovernanceApiFactory
{
    private readonly Dictionary<string, TestMember> _members = new(StringComparer.Ordinal);

    public AuditApiFactory()
    {
        _members["alice"] = AddGenesisMember("alice", Roles.Member);
        _members["bob"] = AddGenesisMember("bob", Roles.Member);
        _members["carol"] = AddGenesisMember("carol", Roles.Auditor);
    }

    public HttpClient ClientFor(string member, string role)
    {
        var testMember = _members[member];
        Assert.Contains(role, testMember.Roles);
        return CreateClient(testMember);
    }
}

public sealed class AuditApiTests(AuditApiFactory factory) : IClassFixture<AuditApiFactory>
{
    private async Task SeedAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        for (var i = 0; i < 6; i++)
        {
            var who = i % 2 == 0 ? "alice" : "bob";
            await log.AppendAsync(new AuditRecord(AuditActor.Member(who), "proposal.created", [$"contract:x{i}"], AuditOutcome.Succeeded, new JsonObject { ["i"] = i }));
        }
    }

    private async Task<ServiceJwkSet> KeysAsync() =>
        (await factory.CreateClient().GetFromJsonAsync<ServiceJwkSet>("/keys", AuditJson.Options))!;

    [Fact]
    public async Task The_last_page_carries_no_cursor_even_when_it_is_full()
    {
        var actor = "pager-" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var log = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            for (var i = 0; i < 4; i++)
            {
                await log.AppendAsync(new AuditRecord(AuditActor.Member(actor), "proposal.opened", [$"proposal:{Guid.NewGuid()}"], AuditOutcome.Succeeded));
            }
        }

        using var auditor = factory.ClientFor("carol", Roles.Auditor);
        var first = (await auditor.GetFromJsonAsync<AuditEntryPage>($"/audit/entries?actor={actor}&limit=2", AuditJson.Options))!;
        Assert.Equal(2, first.Entries.Count);
        Assert.NotNull(first.NextCursor);
        var last = (await auditor.GetFromJsonAsync<AuditEntryPage>($"/audit/entries?actor={actor}&limit=2&cursor={first.NextCursor}", AuditJson.Options))!;
        Assert.Equal(2, last.Entries.Count);
        Assert.Null(last.NextCursor);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_but_may_read_the_public_keys()
    {
        var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/audit/entries")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/audit/tree-heads/latest")).StatusCode);
        var keys = await KeysAsync();
        Assert.NotEmpty(keys.Keys);
        Assert.Contains(keys.Keys, k => (k.Kty, k.Crv, k.Alg, k.Use) == ("EC", "P-384", "ES384", "sig"));
        Assert.Contains(keys.Keys, k => (k.Kty, k.Crv, k.Alg, k.Use) == ("EC", "P-256", "ES256", "sig"));
        Assert.All(keys.Keys, k => Assert.Equal(k.Kid, ServiceJwk.Thumbprint(k.Crv, k.X, k.Y)));
    }

    [Fact]
    public async Task Members_see_only_their_own_actions_and_may_not_export()
    {
        await SeedAsync();
        var alice = factory.ClientFor("alice", Roles.Member);
        var page = (await alice.GetFromJsonAsync<AuditEntryPage>("/audit/entries?limit=1000", AuditJson.Options))!;
        Assert.NotEmpty(page.Entries);
        Assert.All(page.Entries, e => Assert.Equal("alice", e.ActorId));

        var auditor = factory.ClientFor("carol", Roles.Auditor);
        var all = (await auditor.GetFromJsonAsync<AuditEntryPage>("/audit/entries?limit=1000", AuditJson.Options))!;
        Assert.Contains(all.Entries, e => e.ActorId == "bob");
        var bobs = all.Entries.First(e => e.ActorId == "bob");
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"/audit/entries/{bobs.Sequence}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"/audit/entries/{bobs.Sequence}/proof")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.GetAsync("/audit/export")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await auditor.GetAsync("/audit/entries?cursor=abc")).StatusCode);
    }

    [Fact]
    public async Task Auditors_page_with_a_cursor_and_get_proofs_that_fold_to_signed_heads()
    {
        await SeedAsync();
        var auditor = factory.ClientFor("carol", Roles.Auditor);
        var earlier = (await auditor.GetFromJsonAsync<TreeHeadDto>("/audit/tree-heads/latest", AuditJson.Options))!;
        await SeedAsync();
        var first = (await auditor.GetFromJsonAsync<AuditEntryPage>("/audit/entries?limit=2&actor=bob", AuditJson.Options))!;
        var second = (await auditor.GetFromJsonAsync<AuditEntryPage>($"/audit/entries?limit=2&actor=bob&cursor={first.NextCursor}", AuditJson.Options))!;
        Assert.True(second.Entries[0].Sequence > first.Entries[^1].Sequence);

        var keys = await KeysAsync();
        var entry = first.Entries[0];
        var proof = (await auditor.GetFromJsonAsync<InclusionProofDto>(entry.Proof, AuditJson.Options))!;
        Assert.True(proof.Verify());
        Assert.Equal(Convert.ToBase64String(AuditEntryCanonicalForm.LeafHash(entry)), proof.LeafHash);
        using (var key = keys.Keys.Single(k => k.Kid == proof.TreeHead.KeyId).ToECDsa())
        {
            Assert.True(proof.TreeHead.VerifySignature(key));
        }

        var older = (await auditor.GetFromJsonAsync<InclusionProofDto>($"{entry.Proof}?treeSize={earlier.TreeSize}", AuditJson.Options))!;
        Assert.True(older.Verify());
        Assert.Equal(earlier, older.TreeHead);

        var consistency = (await auditor.GetFromJsonAsync<ConsistencyProofDto>($"/audit/consistency?from={earlier.TreeSize}", AuditJson.Options))!;
        Assert.True(consistency.Verify());
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync($"/audit/tree-heads/{proof.TreeSize + 1000}")).StatusCode);
    }

    [Fact]
    public async Task Heads_are_signed_only_at_sizes_the_log_reached_when_the_latest_was_asked_for()
    {
        await SeedAsync();
        var auditor = factory.ClientFor("carol", Roles.Auditor);
        var latest = (await auditor.GetFromJsonAsync<TreeHeadDto>("/audit/tree-heads/latest", AuditJson.Options))!;
        var signedBefore = await HeadCountAsync();

        // Before, each of these signed and stored a new head; a member could make the service sign one for every size.
        for (var size = latest.TreeSize - 3; size < latest.TreeSize; size++)
        {
            await ProblemAssert.IsProblem(await auditor.GetAsync($"/audit/tree-heads/{size}"), HttpStatusCode.NotFound);
            await ProblemAssert.IsProblem(await auditor.GetAsync($"/audit/consistency?from={size}"), HttpStatusCode.NotFound);
            await ProblemAssert.IsProblem(await auditor.GetAsync($"/audit/entries/0/proof?treeSize={size}"), HttpStatusCode.NotFound);
        }

        Assert.Equal(latest, (await auditor.GetFromJsonAsync<TreeHeadDto>($"/audit/tree-heads/{latest.TreeSize}", AuditJson.Options))!);
        Assert.Equal(latest, (await auditor.GetFromJsonAsync<TreeHeadDto>("/audit/tree-heads/latest", AuditJson.Options))!);
        Assert.Equal(signedBefore, await HeadCountAsync());
    }

    [Fact]
    public async Task Time_filters_take_any_offset_and_compare_instants()
    {
        await SeedAsync();
        var auditor = factory.ClientFor("carol", Roles.Auditor);
        var all = (await auditor.GetFromJsonAsync<AuditEntryPage>("/audit/entries?limit=1000", AuditJson.Options))!;
        var last = all.Entries[^1];
        var plusTwo = Uri.EscapeDataString(last.Timestamp.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", System.Globalization.CultureInfo.InvariantCulture));

        var from = (await auditor.GetFromJsonAsync<AuditEntryPage>($"/audit/entries?limit=1000&fromTime={plusTwo}", AuditJson.Options))!;
        var to = (await auditor.GetFromJsonAsync<AuditEntryPage>($"/audit/entries?limit=1000&toTime={plusTwo}", AuditJson.Options))!;

        Assert.Contains(from.Entries, e => e.Sequence == last.Sequence);
        Assert.All(from.Entries, e => Assert.True(e.Timestamp >= last.Timestamp));
        Assert.All(to.Entries, e => Assert.True(e.Timestamp < last.Timestamp));
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/audit/entries?fromTime=2026-01-01T00:00:00%2B02:00&toTime=2026-01-01T05:00:00-05:00")).StatusCode);
    }

    [Theory]
    [InlineData("contract=c1")]
    [InlineData("contract=3f2a")]
    [InlineData("actor=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Filters_that_could_match_nothing_stored_are_400(string query)
    {
        var auditor = factory.ClientFor("carol", Roles.Auditor);
        await ProblemAssert.IsProblem(await auditor.GetAsync($"/audit/entries?{query}"), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/audit/entries?contract=not-a-guid", "contract")]
    [InlineData("/audit/entries?outcome=maybe", "outcome")]
    [InlineData("/audit/entries?measurement=ABCD", "measurement")]
    [InlineData("/audit/entries?subject=alice", "subject")]
    [InlineData("/audit/entries?action=release*", "action")]
    [InlineData("/audit/entries?fromSequence=-1", "fromSequence")]
    [InlineData("/audit/entries?fromSequence=5&toSequence=2", "toSequence")]
    [InlineData("/audit/entries?fromTime=yesterday", "fromTime")]
    [InlineData("/audit/entries?fromTime=2026-02-01T00:00:00Z&toTime=2026-01-01T00:00:00Z", "toTime")]
    [InlineData("/audit/entries?from=2026-01-01T00:00:00Z", "from")]
    [InlineData("/audit/export?from=1", "from")]
    [InlineData("/audit/export?toSequence=x", "toSequence")]
    [InlineData("/audit/export?format=xml", "format")]
    public async Task A_malformed_filter_is_refused_naming_it(string path, string filter)
    {
        var auditor = factory.ClientFor("carol", Roles.Auditor);
        var problem = await ProblemAssert.IsProblem(await auditor.GetAsync(path), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(filter, out _), problem.GetRawText());
    }

    [Fact]
    public async Task Entries_filter_by_sequence_range_action_prefix_subject_and_measurement()
    {
        var measurement = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var contract = Guid.NewGuid();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var log = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            await log.AppendAsync(new AuditRecord(AuditActor.System, "release.granted", [$"contract:{contract}", "member:alice"], AuditOutcome.Succeeded,
                new JsonObject { ["claims"] = new JsonObject { ["measurement"] = measurement } }));
            await log.AppendAsync(new AuditRecord(AuditActor.System, "release.denied", [$"contract:{contract}"], AuditOutcome.Denied,
                new JsonObject { ["claims"] = new JsonObject { ["measurement"] = new string('0', 96) } }));
            await log.AppendAsync(new AuditRecord(AuditActor.Member("alice"), "releases.unrelated", [$"contract:{contract}"], AuditOutcome.Succeeded));
        }

        var auditor = factory.ClientFor("carol", Roles.Auditor);
        async Task<List<AuditEntryDto>> Query(string query) =>
            [.. (await auditor.GetFromJsonAsync<AuditEntryPage>($"/audit/entries?limit=1000&{query}", AuditJson.Options))!.Entries];

        var ours = await Query($"contract={contract}");
        Assert.Equal(3, ours.Count);
        Assert.Equal(["release.granted", "release.denied"], (await Query($"contract={contract}&action=release.*")).Select(e => e.Action));
        Assert.Equal("release.granted", Assert.Single(await Query($"measurement={measurement}")).Action);
        Assert.Contains(await Query("subject=member:alice"), e => e.Sequence == ours[0].Sequence);
        var middle = Assert.Single(await Query($"contract={contract}&fromSequence={ours[1].Sequence}&toSequence={ours[2].Sequence}"));
        Assert.Equal(ours[1].Sequence, middle.Sequence);
    }

    private async Task<long> HeadCountAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM audit_tree_heads", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_checkpoint_is_a_signed_note_of_the_latest_head()
    {
        await SeedAsync();
        var auditor = factory.ClientFor("carol", Roles.Auditor);
        var note = await auditor.GetStringAsync("/audit/checkpoint");
        var head = (await auditor.GetFromJsonAsync<TreeHeadDto>("/audit/tree-heads/latest", AuditJson.Options))!;
        using var key = (await KeysAsync()).Keys.First(k => k.Alg == ServiceJwk.TreeHeadAlgorithm).ToECDsa();
        var parsed = CheckpointNote.Verify(note, "governance.local/audit", key);
        Assert.NotNull(parsed);
        Assert.Equal(head.TreeSize, parsed.Value.TreeSize);
        Assert.Equal(head.RootHashBytes(), parsed.Value.Root);
    }

    [Fact]
    public async Task The_export_streams_entries_that_recompute_to_its_tree_head()
    {
        await SeedAsync();
        var auditor = factory.ClientFor("carol", Roles.Auditor);
        using var response = await auditor.GetAsync("/audit/export?format=jsonl");
        response.EnsureSuccessStatusCode();
        var head = JsonSerializer.Deserialize<TreeHeadDto>(Convert.FromBase64String(response.Headers.GetValues("Audit-Tree-Head").Single()), AuditJson.Options)!;
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var entries = lines.Select(l => JsonSerializer.Deserialize<AuditEntryDto>(l, AuditJson.Options)!).ToList();
        var verdict = AuditExportVerifier.Verify(entries, head, (await KeysAsync()).Keys);
        Assert.True(verdict.IsValid, verdict.Message);

        var csv = await auditor.GetStringAsync("/audit/export?format=csv&fromSequence=1&toSequence=3");
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rows.Length);
        Assert.StartsWith("sequence,", rows[0], StringComparison.Ordinal);
        Assert.StartsWith("1,", rows[1], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await auditor.GetAsync("/audit/export?format=xml")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_failures_are_written_in_aggregate()
    {
        var recorder = factory.Services.GetRequiredService<Api.Audit.ISignInFailureRecorder>();
        recorder.Record("bad-signature");
        recorder.Record("bad-signature");
        recorder.Record("unknown-member");
        var flusher = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Api.Audit.SignInFailureFlusher>().Single();
        await flusher.FlushAsync(CancellationToken.None);

        var auditor = factory.ClientFor("carol", Roles.Auditor);
        var page = (await auditor.GetFromJsonAsync<AuditEntryPage>("/audit/entries?action=auth.sign-in-failed&outcome=denied", AuditJson.Options))!;
        var counts = page.Entries.ToDictionary(e => e.Details.GetProperty("reason").GetString()!, e => e.Details.GetProperty("count").GetInt32());
        Assert.Equal(2, counts["bad-signature"]);
        Assert.Equal(1, counts["unknown-member"]);
    }

    [Fact]
    public async Task Sign_in_failure_aggregates_name_the_claimed_member_and_the_client_address()
    {
        var flusher = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Api.Audit.SignInFailureFlusher>().Single();
        await flusher.FlushAsync(CancellationToken.None);
        using var impostor = TestMember.Create("alice");
        var token = impostor.CreateToken();
        for (var i = 0; i < 2; i++)
        {
            // The test server has no sockets; the address a real connection would carry is set on the request.
            var refused = await factory.Server.SendAsync(context =>
            {
                context.Request.Method = "GET";
                context.Request.Path = "/members/me";
                context.Request.Headers.Authorization = $"Bearer {token}";
                context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
            });
            Assert.Equal(StatusCodes.Status401Unauthorized, refused.Response.StatusCode);
        }

        await flusher.FlushAsync(CancellationToken.None);

        var auditor = factory.ClientFor("carol", Roles.Auditor);
        var page = (await auditor.GetFromJsonAsync<AuditEntryPage>("/audit/entries?action=auth.sign-in-failed&subject=member:alice", AuditJson.Options))!;
        var entry = page.Entries[^1];
        Assert.Equal("alice", entry.Details.GetProperty("claimedMember").GetString());
        Assert.Equal(2, entry.Details.GetProperty("count").GetInt32());
        Assert.Equal("203.0.113.7", entry.Details.GetProperty("clientAddress").GetString());
    }
}
