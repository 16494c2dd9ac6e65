using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Governance.Protocol.Contracts;

namespace Governance.IntegrationTests.Cli;

/// <summary>`contracts init`, `sign-digest --contract` and `approve` through the command line, against the real service.</summary>
public sealed class ContractReviewCommandTests(CliServiceFixture service) : IClassFixture<CliServiceFixture>
{
    private static readonly JsonDocumentOptions Commented = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    [Fact]
    public async Task Init_writes_a_commented_two_party_contract_with_every_allow_false_that_create_accepts_as_is()
    {
        using var cli = service.Cli();
        var file = Path.Combine(cli.Directory, "contract.jsonc");
        var init = await cli.RunAsync(["contracts", "init", "--out", file, "--partner", "bob", .. service.As("alice")]);
        Assert.True(init.ExitCode == 0, init.ToString());

        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("//", text, StringComparison.Ordinal);
        using (var content = JsonDocument.Parse(text, Commented))
        {
            Assert.Equal(["alice", "bob"], content.RootElement.GetProperty("parties").EnumerateArray().Select(p => p.GetString()));
            var allows = content.RootElement.GetProperty("attestationPolicy").EnumerateObject().Where(p => p.Name.StartsWith("allow", StringComparison.Ordinal)).ToList();
            Assert.Equal(["allowDebug", "allowMigrationAgent", "allowSmt", "allowMaskedChipId"], allows.Select(p => p.Name));
            Assert.All(allows, p => Assert.Equal(JsonValueKind.False, p.Value.ValueKind));
        }

        var created = await cli.RunAsync(["contracts", "create", "--file", file, "--json", .. service.As("alice")]);
        Assert.True(created.ExitCode == 0, created.ToString());
        using var view = JsonDocument.Parse(created.Out);
        Assert.Equal("draft", view.RootElement.GetProperty("state").GetString());
        Assert.False(view.RootElement.GetProperty("content").GetProperty("attestationPolicy").GetProperty("allowSmt").GetBoolean());

        var again = await cli.RunAsync(["contracts", "init", "--out", file, "--partner", "bob", .. service.As("alice")]);
        Assert.Equal(2, again.ExitCode);
    }

    [Fact]
    public async Task Approve_shows_what_the_contract_says_asks_and_signs_only_after_yes()
    {
        using var cli = service.Cli();
        var id = await ProposedContractAsync(cli);

        cli.Input = "n\n";
        var declined = await cli.RunAsync(["contracts", "approve", id, .. service.As("bob")]);
        Assert.Equal(1, declined.ExitCode);
        Assert.Contains("parties:      alice, bob", declined.Out, StringComparison.Ordinal);
        Assert.Contains("alice/input-data (parquet) at https://storage.example/input-data.parquet", declined.Out, StringComparison.Ordinal);
        Assert.Contains("bob/model-key", declined.Out, StringComparison.Ordinal);
        Assert.Contains("type 1 (VMPL + process), VMPL 0", declined.Out, StringComparison.Ordinal);
        Assert.Contains("egress:     secure", declined.Out, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"allow debug:\s+no"), declined.Out);
        Assert.Contains("at most 100 releases", declined.Out, StringComparison.Ordinal);
        Assert.Contains("[y/N]", declined.Out, StringComparison.Ordinal);
        Assert.Empty(await ApprovedByAsync(cli, id));

        cli.Input = "";
        Assert.Equal(1, (await cli.RunAsync(["contracts", "approve", id, .. service.As("bob")])).ExitCode);
        Assert.Empty(await ApprovedByAsync(cli, id));

        cli.Input = "y\n";
        var approved = await cli.RunAsync(["contracts", "approve", id, .. service.As("alice")]);
        Assert.True(approved.ExitCode == 0, approved.ToString());
        Assert.Equal(["alice"], await ApprovedByAsync(cli, id));

        cli.Input = "";
        var accepted = await cli.RunAsync(["contracts", "approve", id, "--yes", "--json", .. service.As("bob")]);
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Equal("accepted", JsonDocument.Parse(accepted.Out).RootElement.GetProperty("state").GetString());
        Assert.Contains("parties:      alice, bob", accepted.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_digest_fetches_the_contract_and_signs_the_digest_it_recomputed()
    {
        using var cli = service.Cli();
        var id = await ProposedContractAsync(cli);

        var signed = await cli.RunAsync(["contracts", "sign-digest", "--contract", id, .. service.As("bob")]);
        Assert.True(signed.ExitCode == 0, signed.ToString());
        var approval = JsonSerializer.Deserialize<ApproveContractRequest>(signed.Out, ContractJson.Options)!;
        var shown = await cli.RunAsync(["contracts", "show", id, "--json", .. service.As("bob")]);
        var view = JsonSerializer.Deserialize<ContractView>(shown.Out, ContractJson.Options)!;
        Assert.Equal(ContractDigest.ToHex(ContractDigest.Compute(view.Content)), approval.Digest);
        Assert.Equal(view.Digest, approval.Digest);

        using var bob = service.CreateClient(service.Bob);
        var posted = await bob.PostAsJsonAsync($"/contracts/{id}/approvals", approval, ContractJson.Options);
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        Assert.Equal(["bob"], await ApprovedByAsync(cli, id));
    }

    [Fact]
    public async Task A_service_that_shows_other_content_than_the_digest_it_asks_for_gets_no_signature()
    {
        using var honest = service.Cli();
        var id = await ProposedContractAsync(honest);
        using var cli = new CliRunner(() => new RetitlingHandler(service.Server.CreateHandler()));

        var approve = await cli.RunAsync(["contracts", "approve", id, "--yes", .. service.As("bob")]);
        Assert.Equal(1, approve.ExitCode);
        Assert.Contains("is not the digest of the content it sent", approve.Error.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Contains("nothing was signed", approve.Error.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.DoesNotContain("parties:", approve.Out, StringComparison.Ordinal);

        var sign = await cli.RunAsync(["contracts", "sign-digest", "--contract", id, .. service.As("bob")]);
        Assert.Equal(1, sign.ExitCode);
        Assert.Empty(sign.Out);
        Assert.Empty(await ApprovedByAsync(honest, id));
    }

    [Fact]
    public async Task Digest_file_and_verify_approvals_answer_in_json_when_asked()
    {
        using var cli = service.Cli();
        var id = await ProposedContractAsync(cli);
        Assert.Equal(0, (await cli.RunAsync(["contracts", "approve", id, "--yes", .. service.As("alice")])).ExitCode);
        Assert.Equal(0, (await cli.RunAsync(["contracts", "approve", id, "--yes", .. service.As("bob")])).ExitCode);

        var shown = await cli.RunAsync(["contracts", "show", id, "--json", .. service.As("alice")]);
        var view = JsonDocument.Parse(shown.Out).RootElement;
        var contentFile = Path.Combine(cli.Directory, "content.json");
        await File.WriteAllTextAsync(contentFile, view.GetProperty("content").GetRawText());
        var digest = await cli.RunAsync("contracts", "digest-file", "--file", contentFile, "--json");
        Assert.True(digest.ExitCode == 0, digest.ToString());
        Assert.Equal(view.GetProperty("digest").GetString(), JsonDocument.Parse(digest.Out).RootElement.GetProperty("digest").GetString());

        using var alice = service.CreateClient(service.Alice);
        var approvalsFile = Path.Combine(cli.Directory, "approvals.json");
        await File.WriteAllTextAsync(approvalsFile, await alice.GetStringAsync($"/contracts/{id}/approvals"));
        var verified = await cli.RunAsync("contracts", "verify-approvals", "--file", approvalsFile, "--json");
        Assert.True(verified.ExitCode == 0, verified.ToString());
        var verdicts = JsonDocument.Parse(verified.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(["alice", "bob"], verdicts.Select(v => v.GetProperty("member").GetString()).Order());
        Assert.All(verdicts, v => Assert.Equal("valid", v.GetProperty("verdict").GetString()));

        Assert.Equal(2, (await cli.RunAsync("contracts", "verify-approvals", "--file", Path.Combine(cli.Directory, "missing.json"))).ExitCode);
    }

    [Fact]
    public async Task A_misspelt_member_in_a_content_file_is_refused_naming_it_not_dropped()
    {
        using var cli = service.Cli();
        var file = Path.Combine(cli.Directory, "misspelt.jsonc");
        Assert.Equal(0, (await cli.RunAsync(["contracts", "init", "--out", file, "--partner", "bob", .. service.As("alice")])).ExitCode);
        var content = JsonNode.Parse(await File.ReadAllTextAsync(file), documentOptions: Commented)!;
        content["attestationPolicy"]!["measurments"] = new JsonArray(new string('b', 96));
        await File.WriteAllTextAsync(file, content.ToJsonString());

        var created = await cli.RunAsync(["contracts", "new", "--file", file, .. service.As("alice")]);

        Assert.Equal(2, created.ExitCode);
        Assert.Contains("measurments", created.Out + created.Error, StringComparison.Ordinal);
    }

    private async Task<string> ProposedContractAsync(CliRunner cli)
    {
        var file = Path.Combine(cli.Directory, $"contract-{Guid.NewGuid():N}.jsonc");
        Assert.Equal(0, (await cli.RunAsync(["contracts", "init", "--out", file, "--partner", "bob", .. service.As("alice")])).ExitCode);
        var created = await cli.RunAsync(["contracts", "new", "--file", file, "--json", .. service.As("alice")]);
        Assert.True(created.ExitCode == 0, created.ToString());
        var id = JsonDocument.Parse(created.Out).RootElement.GetProperty("id").GetString()!;
        var proposed = await cli.RunAsync(["contracts", "propose", id, .. service.As("alice")]);
        Assert.True(proposed.ExitCode == 0, proposed.ToString());
        return id;
    }

    private async Task<List<string>> ApprovedByAsync(CliRunner cli, string id)
    {
        var shown = await cli.RunAsync(["contracts", "show", id, "--json", .. service.As("alice")]);
        Assert.True(shown.ExitCode == 0, shown.ToString());
        return [.. JsonDocument.Parse(shown.Out).RootElement.GetProperty("approvedBy").EnumerateArray().Select(a => a.GetString()!)];
    }

    /// <summary>A service (or anything on the way) that shows a contract with another title than the one its digest covers.</summary>
    private sealed class RetitlingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method != HttpMethod.Get || !Guid.TryParse(request.RequestUri!.AbsolutePath.Split('/')[^1], out _) || !response.IsSuccessStatusCode)
            {
                return response;
            }

            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            body["content"]!["title"] = "Something else entirely";
            var replaced = new HttpResponseMessage(response.StatusCode) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
            foreach (var header in response.Headers)
            {
                replaced.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Dispose();
            return replaced;
        }
    }
}
