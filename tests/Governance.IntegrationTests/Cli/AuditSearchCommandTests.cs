using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Governance.IntegrationTests.Cli;

/// <summary>`governance audit search` through the CLI's parser against the real service.</summary>
public sealed class AuditSearchCommandTests(CliServiceFixture fixture) : IClassFixture<CliServiceFixture>
{
    [Fact]
    public async Task An_action_prefix_lists_only_those_actions_as_csv()
    {
        using var cli = fixture.Cli();

        using (var alice = fixture.CreateClient(fixture.Alice))
        {
            Assert.True((await alice.PutAsJsonAsync("/secrets/search-test", new { valueBase64 = Convert.ToBase64String([1, 2, 3]) })).IsSuccessStatusCode);
        }

        var result = await cli.RunAsync(["audit", "search", "--action", "secret.*", "--format", "csv", .. fixture.As("carol")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sequence,timestamp,actor_kind,actor_id,action,outcome,subjects", lines[0]);
        Assert.True(lines.Length >= 2, result.Out);
        Assert.All(lines[1..], line => Assert.StartsWith("secret.", line.Split(',')[4], StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(",consortium.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_output_pages_up_to_the_limit_in_sequence_order()
    {
        using var cli = fixture.Cli();
        using (var alice = fixture.CreateClient(fixture.Alice))
        {
            Assert.True((await alice.PutAsJsonAsync("/secrets/paging-test", new { valueBase64 = Convert.ToBase64String([4, 5, 6]) })).IsSuccessStatusCode);
        }

        var result = await cli.RunAsync(["audit", "search", "--limit", "2", "--json", .. fixture.As("carol")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var entries = JsonNode.Parse(result.Out)!.AsArray();
        Assert.Equal([0L, 1L], entries.Select(e => e!["sequence"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_malformed_filter_is_refused_naming_it()
    {
        using var cli = fixture.Cli();

        var result = await cli.RunAsync(["audit", "search", "--contract", "not-a-guid", .. fixture.As("carol")]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("contract", result.Out + result.Error, StringComparison.Ordinal);
    }
}
