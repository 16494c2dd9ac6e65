using Governance.Cli.Infrastructure;
using Governance.IntegrationTests.Cli;

namespace Governance.IntegrationTests.Demo;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Without_the_development_key_files_the_demo_says_where_they_come_from()
    {
        using var cli = new CliRunner();
        var keys = Path.Combine(cli.Directory, "no-keys");
        var result = await cli.RunAsync("demo", "--service", "http://127.0.0.1:9", "--dev-keys", keys, "--work", cli.Directory);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(Path.Combine(keys, "alice.pem"), result.Error, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project api", result.Error, StringComparison.Ordinal);
    }
}
