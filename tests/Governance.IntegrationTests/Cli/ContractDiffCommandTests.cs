using System.Text.Json;
using Governance.IntegrationTests.Infrastructure;
using Governance.Protocol.Contracts;

namespace Governance.IntegrationTests.Cli;

/// <summary>`contracts diff` and the changes `contracts approve` shows for an amendment, through the CLI's parser against the real service.</summary>
public sealed class ContractDiffCommandTests(CliServiceFixture service) : IClassFixture<CliServiceFixture>
{
    private static readonly ContractContent Original = ContractChains.TwoParty("Amended in the terminal", secretOwner: "bob");

    private static readonly ContractContent Amended = Original with { Secrets = [], CleanRoom = Original.CleanRoom with { Vmpl = 1 } };

    [Fact]
    public async Task Diff_prints_one_line_per_change_and_with_json_the_patch_too()
    {
        var v1 = await ContractChains.AcceptedAsync(service, Original, service.Alice, service.Bob);
        var v2 = await ContractChains.AmendAsync(service, v1, Amended, service.Alice);
        using var cli = service.Cli();

        var diff = await cli.RunAsync(["contracts", "diff", v2.ToString(), .. service.As("bob")]);
        Assert.True(diff.ExitCode == 0, diff.ToString());
        Assert.Equal(
            [$"Changes of version 2 from version 1 ({v1}):", "  secrets[\"model-key\"]: removed", "  cleanRoom.vmpl: 0 → 1"],
            diff.Out.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));

        var json = await cli.RunAsync(["contracts", "diff", v2.ToString(), "--from", "1", "--json", .. service.As("bob")]);
        Assert.True(json.ExitCode == 0, json.ToString());
        var view = JsonSerializer.Deserialize<ContractDiffView>(json.Out, ContractJson.Options)!;
        Assert.Equal([("remove", "/secrets/0"), ("replace", "/cleanRoom/vmpl")], view.Patch.Select(op => (op.Op, op.Path)));

        var tooNew = await cli.RunAsync(["contracts", "diff", v2.ToString(), "--from", "2", .. service.As("bob")]);
        Assert.Equal(1, tooNew.ExitCode);
        Assert.Contains("earlier version", tooNew.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await cli.RunAsync(["contracts", "diff", v2.ToString(), "--from", "one", .. service.As("bob")])).ExitCode);
    }

    [Fact]
    public async Task Approving_an_amendment_shows_what_it_changes_before_the_question()
    {
        var v1 = await ContractChains.AcceptedAsync(service, Original, service.Alice, service.Bob);
        var v2 = (await ContractChains.AmendAsync(service, v1, Amended, service.Alice)).ToString();
        using var cli = service.Cli();
        Assert.Equal(0, (await cli.RunAsync(["contracts", "propose", v2, .. service.As("alice")])).ExitCode);

        cli.Input = "n\n";
        var declined = await cli.RunAsync(["contracts", "approve", v2, .. service.As("bob")]);

        Assert.Equal(1, declined.ExitCode);
        var output = declined.Out.ReplaceLineEndings("\n");
        var changes = output.IndexOf($"Changes of version 2 from version 1 ({v1}):\n  secrets[\"model-key\"]: removed\n  cleanRoom.vmpl: 0 → 1\n", StringComparison.Ordinal);
        Assert.True(changes > output.IndexOf("parties:", StringComparison.Ordinal), output);
        Assert.True(changes < output.IndexOf("[y/N]", StringComparison.Ordinal), output);

        cli.Input = "";
        var approved = await cli.RunAsync(["contracts", "approve", v2, "--yes", "--json", .. service.As("bob")]);
        Assert.True(approved.ExitCode == 0, approved.ToString());
        Assert.Contains("cleanRoom.vmpl: 0 → 1", approved.Error, StringComparison.Ordinal);
    }
}
