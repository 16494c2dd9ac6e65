using Governance.Cli.Infrastructure;

namespace Governance.IntegrationTests.Cli;

public sealed class VmReleaseCommandTests
{
    [Fact]
    public async Task Without_an_SNP_device_the_agent_says_so_and_exits_1()
    {
        using var cli = new CliRunner();
        var missing = Path.Combine(cli.Directory, "missing");
        var result = await cli.RunAsync("vm", "release", "--service", "http://127.0.0.1:9", "--contract", "c1", "--out", Path.Combine(cli.Directory, "out"),
            "--tsm-path", Path.Combine(missing, "tsm"), "--sev-guest-path", Path.Combine(missing, "sev-guest"));
        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("No SEV-SNP device here", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(cli.Directory, "out")));
    }

    [Fact]
    public async Task Contract_and_out_are_required()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("vm", "release", "--service", "http://127.0.0.1:9");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--contract", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_evidence_source_is_a_usage_error()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("vm", "release", "--contract", "c", "--out", "o", "--evidence", "tpm");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
    }

    [Fact]
    public async Task A_service_key_file_that_is_not_a_key_set_is_a_usage_error_before_anything_is_asked()
    {
        using var cli = new CliRunner();
        var keys = Path.Combine(cli.Directory, "keys.json");
        await File.WriteAllTextAsync(keys, "-----BEGIN PUBLIC KEY-----");
        var result = await cli.RunAsync("vm", "release", "--service", "http://127.0.0.1:9", "--contract", "c1", "--out", Path.Combine(cli.Directory, "out"),
            "--service-keys", keys);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("is not a JWK set", result.Error, StringComparison.Ordinal);
    }
}
