using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Governance.Cli.Infrastructure;
using Governance.IntegrationTests.Infrastructure;

namespace Governance.IntegrationTests.Cli;

public sealed class CliInfrastructureTests(GovernanceApiFactory factory) : IClassFixture<GovernanceApiFactory>
{
    [Fact]
    public async Task Config_set_then_show_round_trips_through_the_config_file()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, (await cli.RunAsync("config", "set", "service", "http://127.0.0.1:5080")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("config", "set", "member", "alice")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("config", "set", "key", "alice.pem")).ExitCode);

        var shown = await cli.RunAsync("config", "show", "--json");
        Assert.Equal(0, shown.ExitCode);
        using var json = JsonDocument.Parse(shown.Out);
        Assert.Equal("http://127.0.0.1:5080/", json.RootElement.GetProperty("service").GetString());
        Assert.Equal("alice", json.RootElement.GetProperty("member").GetString());
        Assert.Equal(Path.GetFullPath("alice.pem"), json.RootElement.GetProperty("key").GetString());
        Assert.True(File.Exists(cli.ConfigPath));
    }

    [Fact]
    public async Task Options_override_the_config_file()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("config", "set", "member", "alice");
        var shown = await cli.RunAsync("config", "show", "--json", "--member", "bob");
        using var json = JsonDocument.Parse(shown.Out);
        Assert.Equal("bob", json.RootElement.GetProperty("member").GetString());
    }

    [Fact]
    public async Task Unknown_settings_and_bad_urls_are_usage_errors()
    {
        using var cli = new CliRunner();
        var unknown = await cli.RunAsync("config", "set", "colour", "blue");
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("Unknown setting 'colour'", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, (await cli.RunAsync("config", "set", "service", "not a url")).ExitCode);
    }

    [Fact]
    public async Task A_command_line_that_does_not_parse_exits_2()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("no-such-command");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("no-such-command", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("config", "--help")]
    [InlineData("config", "set", "--help")]
    [InlineData("status", "--help")]
    [InlineData("members", "propose-add", "--help")]
    [InlineData("contracts", "approvals", "--help")]
    [InlineData("secrets", "put", "--help")]
    [InlineData("vm", "release", "--help")]
    [InlineData("demo", "--help")]
    public async Task Help_is_available_everywhere(params string[] args)
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync(args);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        Assert.Contains("--json", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_reports_a_ready_service()
    {
        using var cli = new CliRunner(factory.Server.CreateHandler);
        var result = await cli.RunAsync("status", "--service", factory.Server.BaseAddress.ToString(), "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.True(json.RootElement.GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task A_missing_service_url_is_a_usage_error()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("status");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--service", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_service_exits_3_with_a_clear_message()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var cli = new CliRunner();
        var result = await cli.RunAsync("status", "--service", $"http://127.0.0.1:{port}", "--json");
        Assert.Equal(ExitCodes.Unreachable, result.ExitCode);
        Assert.Equal("", result.Out);
        using var json = JsonDocument.Parse(result.Error);
        Assert.Equal("Service unreachable", json.RootElement.GetProperty("error").GetString());
    }
}
