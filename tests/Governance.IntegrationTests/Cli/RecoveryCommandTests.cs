using System.Security.Cryptography;
using System.Text.Json;
using Governance.IntegrationTests.Service.Custody;

namespace Governance.IntegrationTests.Cli;

/// <summary>
/// Confidential mode's key custody driven through the real `governance` command tree: holders make and register their
/// recovery keys, the consortium votes who holds shares and which builds are trusted, and after every instance is
/// gone the holders bring the key back to a new one with `recovery submit`, which gives a share only to an instance
/// whose attestation shows an approved build.
/// </summary>
public sealed class RecoveryCommandTests
{
    private static readonly string[] Holders = ["alice", "bob", "carol"];

    [Fact]
    public async Task Holders_make_and_register_recovery_keys_vote_a_policy_and_two_of_three_bring_the_key_back_to_a_new_instance()
    {
        await using var cluster = await CustodyCluster.CreateAsync();
        var original = cluster.Chip();
        var replacement = cluster.Chip(original.Measurement);
        var running = cluster.Start(original);
        await CustodyCluster.WaitForAsync(running, "open");
        await cluster.PutSecretAsync(running, "model-key", "back after every instance went");

        using var cli = new CliRunner(running.Server.CreateHandler);
        var recoveryKeys = new Dictionary<string, string>();
        foreach (var holder in Holders)
        {
            var path = Path.Combine(cli.Directory, "recovery", holder + ".pem");
            var created = await cli.RunAsync("recovery", "key-create", "--out", path, "--json");
            Assert.True(created.ExitCode == 0, created.ToString());
            var keyId = JsonDocument.Parse(created.Out).RootElement.GetProperty("keyId").GetString();
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            // Bob registers from a public PEM: only the public half is ever needed to register.
            var registered = path;
            if (holder == "bob")
            {
                using var full = ECDiffieHellman.Create();
                full.ImportFromPem(await File.ReadAllTextAsync(path));
                registered = path + ".pub.pem";
                await File.WriteAllTextAsync(registered, full.ExportSubjectPublicKeyInfoPem());
            }

            var set = await cli.RunAsync(["recovery", "key-set", "--recovery-key", registered, "--json", .. As(cluster, cli, running, holder)]);
            Assert.True(set.ExitCode == 0, set.ToString());
            Assert.Equal(keyId, JsonDocument.Parse(set.Out).RootElement.GetProperty("keyId").GetString());
            recoveryKeys[holder] = path;
        }

        var again = await cli.RunAsync("recovery", "key-create", "--out", recoveryKeys["alice"]);
        Assert.True(again.ExitCode == 2, again.ToString());
        Assert.Contains("not overwritten", again.Error, StringComparison.Ordinal);

        var proposed = await cli.RunAsync(["members", "propose-recovery-policy", "--threshold", "2", "--holder", "alice", "--holder", "bob", "--holder", "carol", "--json", .. As(cluster, cli, running, "alice")]);
        Assert.True(proposed.ExitCode == 0, proposed.ToString());
        var id = JsonDocument.Parse(proposed.Out).RootElement.GetProperty("id").GetString()!;
        Assert.Equal(0, (await cli.RunAsync(["members", "vote", id, "approve", .. As(cluster, cli, running, "alice")])).ExitCode);
        var accepted = await cli.RunAsync(["members", "vote", id, "approve", "--json", .. As(cluster, cli, running, "bob")]);
        Assert.Equal("accepted", JsonDocument.Parse(accepted.Out).RootElement.GetProperty("state").GetString());

        await cluster.StopAsync(running);
        var recovering = cluster.Start(replacement);
        await CustodyCluster.WaitForAsync(recovering, "awaiting-key");
        using var next = new CliRunner(recovering.Server.CreateHandler);
        var awaiting = await next.RunAsync("service", "status", "--service", recovering.Server.BaseAddress.ToString(), "--json");
        Assert.True(awaiting.ExitCode == 1, awaiting.ToString());
        Assert.Equal("awaiting-key", JsonDocument.Parse(awaiting.Out).RootElement.GetProperty("state").GetString());

        var first = await next.RunAsync(["recovery", "submit", "--recovery-key", recoveryKeys["carol"], "--service-measurement", replacement.MeasurementHex,
            "--extra-root", replacement.RootFile, "--json", .. As(cluster, next, recovering, "carol")]);
        Assert.True(first.ExitCode == 0, first.ToString());
        var progress = JsonDocument.Parse(first.Out).RootElement;
        Assert.Equal(1, progress.GetProperty("received").GetInt32());
        Assert.Equal(2, progress.GetProperty("threshold").GetInt32());
        Assert.False(progress.GetProperty("recovered").GetBoolean());
        Assert.Equal("awaiting-key", (await CustodyCluster.StatusAsync(recovering)).State);

        var second = await next.RunAsync(["recovery", "submit", "--recovery-key", recoveryKeys["alice"], "--service-measurement", replacement.MeasurementHex,
            "--extra-root", replacement.RootFile, .. As(cluster, next, recovering, "alice")]);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("the instance holds the key", second.Out, StringComparison.Ordinal);

        var open = await next.RunAsync("service", "status", "--service", recovering.Server.BaseAddress.ToString());
        Assert.True(open.ExitCode == 0, open.ToString());
        Assert.Contains("open", open.Out, StringComparison.Ordinal);
        Assert.Equal("back after every instance went", await CustodyCluster.ReadSecretAsync(recovering, "model-key"));
    }

    [Fact]
    public async Task Submit_sends_nothing_to_an_instance_whose_attestation_shows_another_build_or_with_another_recovery_key()
    {
        await using var cluster = await CustodyCluster.CreateAsync();
        var original = cluster.Chip();
        var replacement = cluster.Chip(original.Measurement);
        var running = cluster.Start(original);
        await CustodyCluster.WaitForAsync(running, "open");
        await cluster.RegisterRecoveryKeysAsync(running);
        await cluster.EnactAsync(running, new { kind = "setRecoveryPolicy", threshold = 1, holders = new[] { "alice" } });
        await cluster.StopAsync(running);
        var recovering = cluster.Start(replacement);
        await CustodyCluster.WaitForAsync(recovering, "awaiting-key");

        using var cli = new CliRunner(recovering.Server.CreateHandler);
        var aliceKey = Path.Combine(cli.Directory, "alice-recovery.pem");
        await File.WriteAllTextAsync(aliceKey, cluster.RecoveryKeys["alice"].ExportPkcs8PrivateKeyPem());
        var otherBuild = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(48));

        var refused = await cli.RunAsync(["recovery", "submit", "--recovery-key", aliceKey, "--service-measurement", otherBuild,
            "--extra-root", replacement.RootFile, .. As(cluster, cli, recovering, "alice")]);
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("measurement.unapproved", refused.Out, StringComparison.Ordinal);
        Assert.Contains("not sent", refused.Out, StringComparison.Ordinal);

        var bobKey = Path.Combine(cli.Directory, "bob-recovery.pem");
        await File.WriteAllTextAsync(bobKey, cluster.RecoveryKeys["bob"].ExportPkcs8PrivateKeyPem());
        var wrongKey = await cli.RunAsync(["recovery", "submit", "--recovery-key", bobKey, "--service-measurement", replacement.MeasurementHex,
            "--extra-root", replacement.RootFile, .. As(cluster, cli, recovering, "alice")]);
        Assert.True(wrongKey.ExitCode == 2, wrongKey.ToString());
        Assert.Contains("sealed to recovery key", wrongKey.Error, StringComparison.Ordinal);

        var status = await CustodyCluster.StatusAsync(recovering);
        Assert.Equal("awaiting-key", status.State);
        Assert.Equal(0, status.Recovery!.Received);
    }

    [Fact]
    public async Task An_upgrade_is_proposed_and_voted_through_the_cli_and_service_status_shows_both_builds()
    {
        await using var cluster = await CustodyCluster.CreateAsync();
        var current = cluster.Chip();
        var upgrade = cluster.Chip();
        var running = cluster.Start(current);
        await CustodyCluster.WaitForAsync(running, "open");
        using var cli = new CliRunner(running.Server.CreateHandler);

        var proposed = await cli.RunAsync(["members", "propose-service-measurements", "--measurement", current.MeasurementHex, "--measurement", upgrade.MeasurementHex,
            "--json", .. As(cluster, cli, running, "alice")]);
        Assert.True(proposed.ExitCode == 0, proposed.ToString());
        var proposal = JsonDocument.Parse(proposed.Out).RootElement;
        Assert.Equal("setServiceMeasurements", proposal.GetProperty("kind").GetString());
        var id = proposal.GetProperty("id").GetString()!;
        Assert.Equal(0, (await cli.RunAsync(["members", "vote", id, "approve", .. As(cluster, cli, running, "alice")])).ExitCode);
        Assert.Equal(0, (await cli.RunAsync(["members", "vote", id, "approve", .. As(cluster, cli, running, "bob")])).ExitCode);

        var status = await cli.RunAsync("service", "status", "--service", running.Server.BaseAddress.ToString(), "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        var approved = JsonDocument.Parse(status.Out).RootElement.GetProperty("approvedMeasurements").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Equal(2, approved.Count);
        Assert.Contains(upgrade.MeasurementHex, approved);
        Assert.Contains(current.MeasurementHex, approved);

        var refused = await cli.RunAsync(["members", "propose-recovery-policy", "--threshold", "3", "--holder", "alice", "--holder", "bob", .. As(cluster, cli, running, "alice")]);
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("threshold", refused.Error, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The options that sign <paramref name="member"/> in against <paramref name="instance"/>, its key written beside the runner's files.</summary>
    private static string[] As(CustodyCluster cluster, CliRunner cli, ConfidentialInstance instance, string member)
    {
        var key = Path.Combine(cli.Directory, "member-keys", member + ".pem");
        if (!File.Exists(key))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(key)!);
            File.WriteAllText(key, cluster.Member(member).PrivateKey.ExportPkcs8PrivateKeyPem());
        }

        return ["--service", instance.Server.BaseAddress.ToString(), "--member", member, "--key", key];
    }
}
