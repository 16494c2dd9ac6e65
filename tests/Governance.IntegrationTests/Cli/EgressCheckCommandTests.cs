using System.Text.Json;
using System.Text.Json.Nodes;

namespace Governance.IntegrationTests.Cli;

/// <summary>
/// `governance egress check` through the CLI's parser: against a policy file, a contract content file, and the egress
/// policy of an accepted contract the real service holds, over genuine ONNX models (tests/data/onnx).
/// </summary>
public sealed class EgressCheckCommandTests(CliServiceFixture service) : IClassFixture<CliServiceFixture>
{
    private static readonly JsonDocumentOptions Commented = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static string Model(string name) => Path.Combine(AppContext.BaseDirectory, "data", "onnx", name);

    private static readonly string Relu = Model("single_relu_model.onnx");

    [Fact]
    public async Task A_model_whose_operators_the_policy_file_allows_may_leave()
    {
        using var cli = service.Cli();
        var policy = await WriteAsync(cli, "policy.json", """{"allowedFormats":[{"format":"onnx","allowedOperators":["Relu"],"maxBytes":1000}]}""");

        var result = await cli.RunAsync(["egress", "check", "--policy", policy, "--file", Relu]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("single_relu_model.onnx may leave", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_with_an_operator_the_contract_content_does_not_allow_is_refused_with_its_violations()
    {
        using var cli = service.Cli();
        var content = await WriteAsync(cli, "content.jsonc", (await OpenContentAsync(cli, ["Sigmoid"], maxBytes: null)).ToJsonString());

        var refused = await cli.RunAsync(["egress", "check", "--policy", content, "--file", Relu]);
        var json = await cli.RunAsync(["egress", "check", "--policy", content, "--file", Relu, "--json"]);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("may not leave", refused.Out, StringComparison.Ordinal);
        Assert.Contains("onnx.operator_not_allowed", refused.Out, StringComparison.Ordinal);
        Assert.Contains("ai.onnx:Relu", refused.Out, StringComparison.Ordinal);
        Assert.Equal(1, json.ExitCode);
        var verdict = JsonDocument.Parse(json.Out).RootElement;
        Assert.False(verdict.GetProperty("passed").GetBoolean());
        Assert.Equal("onnx.operator_not_allowed", verdict.GetProperty("violations")[0].GetProperty("rule").GetString());
    }

    [Fact]
    public async Task A_model_over_the_size_limit_and_a_file_that_is_not_onnx_are_refused()
    {
        using var cli = service.Cli();
        var policy = await WriteAsync(cli, "policy.json", """{"allowedFormats":[{"format":"onnx","allowedOperators":[],"maxBytes":50}]}""");

        var large = await cli.RunAsync(["egress", "check", "--policy", policy, "--file", Relu, "--json"]);
        var anySize = await WriteAsync(cli, "any-size.json", """{"allowedFormats":[{"format":"onnx"}]}""");
        var notOnnx = await cli.RunAsync(["egress", "check", "--policy", anySize, "--file", anySize]);

        Assert.Equal(1, large.ExitCode);
        Assert.Equal("size.exceeded", JsonDocument.Parse(large.Out).RootElement.GetProperty("violations")[0].GetProperty("rule").GetString());
        Assert.True(notOnnx.ExitCode == 1, notOnnx.ToString());
        Assert.Contains("onnx.malformed", notOnnx.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_errors_exit_2()
    {
        using var cli = service.Cli();
        var policy = await WriteAsync(cli, "policy.json", """{"allowedFormats":[{"format":"onnx"}]}""");
        var misspelt = await WriteAsync(cli, "misspelt.json", """{"allowedFormats":[{"format":"onnx","allowedOperator":["Relu"]}]}""");
        var empty = await WriteAsync(cli, "empty.json", "{}");
        var content = await OpenContentAsync(cli, [], null);
        content["cleanRoom"]!.AsObject().Remove("egressPolicy");
        content["cleanRoom"]!["egress"] = "secure";
        var secure = await WriteAsync(cli, "secure.json", content.ToJsonString());

        string[][] lines =
        [
            ["egress", "check", "--file", Relu],
            ["egress", "check", "--policy", policy],
            ["egress", "check", "--policy", policy, "--contract", Guid.NewGuid().ToString(), "--file", Relu],
            ["egress", "check", "--policy", Path.Combine(cli.Directory, "absent.json"), "--file", Relu],
            ["egress", "check", "--policy", policy, "--file", Path.Combine(cli.Directory, "absent.onnx")],
            ["egress", "check", "--policy", misspelt, "--file", Relu],
            ["egress", "check", "--policy", empty, "--file", Relu],
            ["egress", "check", "--policy", secure, "--file", Relu],
            ["egress", "check", "--policy", Relu, "--file", Relu],
        ];
        foreach (var line in lines)
        {
            var result = await cli.RunAsync(line);
            Assert.True(result.ExitCode == 2, $"{string.Join(' ', line)}: {result}");
            Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_egress_policy_of_an_accepted_contract_is_fetched_from_the_service()
    {
        using var cli = service.Cli();
        var id = await ProposedContractAsync(cli, await OpenContentAsync(cli, ["Relu", "If"], maxBytes: 4096));

        var proposed = await cli.RunAsync(["egress", "check", "--contract", id, "--file", Relu, .. service.As("alice")]);
        Assert.True(proposed.ExitCode == 1, proposed.ToString());
        Assert.Contains("not accepted", proposed.Error, StringComparison.Ordinal);

        foreach (var party in new[] { "alice", "bob" })
        {
            var approved = await cli.RunAsync(["contracts", "approve", id, "--yes", .. service.As(party)]);
            Assert.True(approved.ExitCode == 0, approved.ToString());
        }

        var passed = await cli.RunAsync(["egress", "check", "--contract", id, "--file", Relu, .. service.As("alice")]);
        var refused = await cli.RunAsync(["egress", "check", "--contract", id, "--file", Model("PReLU_2d.onnx"), "--json", .. service.As("carol")]);

        Assert.True(passed.ExitCode == 0, passed.ToString());
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("ai.onnx:PRelu", refused.Out, StringComparison.Ordinal);
    }

    private async Task<JsonNode> OpenContentAsync(CliRunner cli, string[] operators, long? maxBytes)
    {
        var file = Path.Combine(cli.Directory, $"contract-{Guid.NewGuid():N}.jsonc");
        var init = await cli.RunAsync(["contracts", "init", "--out", file, "--partner", "bob", .. service.As("alice")]);
        Assert.True(init.ExitCode == 0, init.ToString());
        var content = JsonNode.Parse(await File.ReadAllTextAsync(file), documentOptions: Commented)!;
        var format = new JsonObject { ["format"] = "onnx", ["allowedOperators"] = new JsonArray([.. operators.Select(o => JsonValue.Create(o))]) };
        if (maxBytes is { } max)
        {
            format["maxBytes"] = max;
        }

        content["cleanRoom"]!["egress"] = "open";
        content["cleanRoom"]!["egressPolicy"] = new JsonObject { ["allowedFormats"] = new JsonArray(format) };
        return content;
    }

    private async Task<string> ProposedContractAsync(CliRunner cli, JsonNode content)
    {
        var file = await WriteAsync(cli, $"open-{Guid.NewGuid():N}.json", content.ToJsonString());
        var created = await cli.RunAsync(["contracts", "new", "--file", file, "--json", .. service.As("alice")]);
        Assert.True(created.ExitCode == 0, created.ToString());
        var id = JsonDocument.Parse(created.Out).RootElement.GetProperty("id").GetString()!;
        Assert.Equal(0, (await cli.RunAsync(["contracts", "propose", id, .. service.As("alice")])).ExitCode);
        return id;
    }

    private static async Task<string> WriteAsync(CliRunner cli, string name, string text)
    {
        var path = Path.Combine(cli.Directory, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }
}
