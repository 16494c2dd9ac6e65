using System.CommandLine;
using System.Text.RegularExpressions;
using Governance.Cli;

namespace Governance.IntegrationTests.Cli;

/// <summary>What the command-line entry point itself answers: help, mistyped words, aliases. No service needed.</summary>
public sealed partial class CliParserTests
{
    private static readonly string[] Global = ["--service", "--member", "--key", "--json", "--config"];

    public static TheoryData<string> CommandPaths()
    {
        var paths = new TheoryData<string>();
        void Walk(Command command, string path)
        {
            foreach (var sub in command.Subcommands)
            {
                var subPath = path.Length == 0 ? sub.Name : path + " " + sub.Name;
                paths.Add(subPath);
                Walk(sub, subPath);
            }
        }

        Walk(GovernanceCli.Build(), "");
        return paths;
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task Every_option_is_shown_once_in_a_commands_help_and_the_global_ones_are_there(string path)
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync([.. path.Split(' '), "--help"]);
        Assert.True(result.ExitCode == 0, result.ToString());

        var names = OptionLine().Matches(result.Out).SelectMany(m => m.Groups["names"].Value.Split(", ")).ToList();
        Assert.Empty(names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(Global, option => Assert.Contains(option, names));
    }

    [Fact]
    public async Task Token_help_shows_key_once()
    {
        using var cli = new CliRunner();
        var help = await cli.RunAsync("token", "--help");
        Assert.Single(OptionLine().Matches(help.Out), m => m.Groups["names"].Value.Split(", ").Contains("--key"));
    }

    [Fact]
    public async Task A_mistyped_command_is_answered_with_the_nearest_one()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("contracts", "aprove", Guid.NewGuid().ToString());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Did you mean 'governance contracts approve'?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_group_and_option_are_answered_too()
    {
        using var cli = new CliRunner();
        var group = await cli.RunAsync("contracs", "list");
        Assert.Equal(2, group.ExitCode);
        Assert.Contains("'governance contracts'", group.Error, StringComparison.Ordinal);

        var option = await cli.RunAsync("contracts", "list", "--stat", "draft");
        Assert.Equal(2, option.ExitCode);
        Assert.Contains("'governance contracts list --state'", option.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_suggested_for_a_word_nowhere_near_a_command()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("contracts", "xyzzy-plugh");
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("Did you mean", result.Error, StringComparison.Ordinal);
    }

    /// <summary>An option's line in help: two spaces, then its names separated by ", ".</summary>
    [GeneratedRegex(@"^  (?<names>-{1,2}[\w?-]+(?:, -{1,2}[\w?-]+)*)", RegexOptions.Multiline)]
    private static partial Regex OptionLine();
}
