using System.Security.Cryptography;
using System.Text.Json;
using Governance.Cli.Infrastructure;

namespace Governance.IntegrationTests.Cli;

public sealed class MembersCommandTests(CliServiceFixture service) : IClassFixture<CliServiceFixture>
{
    [Fact]
    public async Task Members_list_signs_in_with_the_key_file_and_shows_every_member()
    {
        using var cli = service.Cli();
        var result = await cli.RunAsync(["members", "list", "--json", .. service.As("alice")]);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var ids = json.RootElement.EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Contains("alice", ids);
        Assert.Contains("bob", ids);
        Assert.Contains("carol", ids);
    }

    [Fact]
    public async Task The_table_form_is_readable()
    {
        using var cli = service.Cli();
        var result = await cli.RunAsync(["members", "list", .. service.As("bob")]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("alice", result.Out, StringComparison.Ordinal);
        Assert.Contains("roles", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_is_added_by_proposal_and_votes_through_the_cli()
    {
        using var cli = service.Cli();
        var daveKey = Path.Combine(cli.Directory, "dave.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP384))
        {
            await File.WriteAllTextAsync(daveKey, key.ExportPkcs8PrivateKeyPem());
        }

        var proposed = await cli.RunAsync(["members", "propose-add", "dave", "--name", "Dave", "--public-key", daveKey, "--json", .. service.As("alice")]);
        Assert.True(proposed.ExitCode == 0, proposed.ToString());
        var id = JsonDocument.Parse(proposed.Out).RootElement.GetProperty("id").GetString()!;

        Assert.Equal(0, (await cli.RunAsync(["members", "vote", id, "approve", .. service.As("alice")])).ExitCode);
        var decided = await cli.RunAsync(["members", "vote", id, "approve", "--json", .. service.As("bob")]);
        Assert.True(decided.ExitCode == 0, decided.ToString());
        Assert.Equal("accepted", JsonDocument.Parse(decided.Out).RootElement.GetProperty("state").GetString());

        var dave = await cli.RunAsync(["members", "show", "dave", "--json", .. service.As("alice")]);
        Assert.Equal(0, dave.ExitCode);
        Assert.Equal("Dave", JsonDocument.Parse(dave.Out).RootElement.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task A_different_second_ballot_is_refused_with_the_services_reason_and_exit_1()
    {
        using var cli = service.Cli();
        var proposed = await cli.RunAsync(["members", "propose-remove", "carol", "--json", .. service.As("alice")]);
        Assert.True(proposed.ExitCode == 0, proposed.ToString());
        var id = JsonDocument.Parse(proposed.Out).RootElement.GetProperty("id").GetString()!;
        Assert.Equal(0, (await cli.RunAsync(["members", "vote", id, "reject", .. service.As("bob")])).ExitCode);

        var changed = await cli.RunAsync(["members", "vote", id, "approve", .. service.As("bob")]);
        Assert.Equal(ExitCodes.Refused, changed.ExitCode);
        Assert.Contains("409", changed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unregistered_key_is_refused_with_exit_1()
    {
        using var cli = service.Cli();
        var stranger = Path.Combine(cli.Directory, "stranger.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            await File.WriteAllTextAsync(stranger, key.ExportPkcs8PrivateKeyPem());
        }

        var result = await cli.RunAsync("members", "list", "--service", service.Server.BaseAddress.ToString(), "--member", "alice", "--key", stranger);
        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("401", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_key_file_is_a_usage_error()
    {
        using var cli = service.Cli();
        var result = await cli.RunAsync("members", "list", "--service", service.Server.BaseAddress.ToString(), "--member", "alice", "--key", "/nonexistent/alice.pem");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
    }
}
