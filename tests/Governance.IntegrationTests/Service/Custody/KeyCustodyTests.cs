using System.Net;
using System.Net.Http.Json;
using Governance.IntegrationTests.Infrastructure;
using Governance.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Service.Custody;

/// <summary>
/// In confidential mode the consortium's key-encryption key is made inside the first instance's VM and never
/// configured: a restart on the same chip opens its own seal, a replica of an approved build gets it from a running
/// instance, an unapproved build gets nothing and says why, and after every instance is gone k of the holders'
/// shares bring it back while k−1 do not.
/// </summary>
public sealed class KeyCustodyTests
{
    [Fact]
    public async Task The_first_instance_makes_the_key_and_a_restart_on_the_same_chip_opens_its_own_seal()
    {
        await using var cluster = await CustodyCluster.CreateAsync();
        var chip = cluster.Chip();
        var first = cluster.Start(chip);
        var status = await CustodyCluster.WaitForAsync(first, "open");
        Assert.Equal("confidential", status.Mode);
        Assert.Equal([chip.MeasurementHex], status.ApprovedMeasurements);
        Assert.Equal(HttpStatusCode.Created, (await cluster.PutSecretAsync(first, "model-key", "kept inside")).StatusCode);
        using (var client = first.CreateClient())
        {
            var keys = await client.GetStringAsync("/keys");
            await cluster.StopAsync(first);
            var again = cluster.Start(chip);
            Assert.Contains("seal", (await CustodyCluster.WaitForAsync(again, "open")).Reason, StringComparison.Ordinal);
            Assert.Equal("kept inside", await CustodyCluster.ReadSecretAsync(again, "model-key"));
            using var againClient = again.CreateClient();
            Assert.Equal(keys, await againClient.GetStringAsync("/keys"));

            var actions = await CustodyCluster.AuditActionsAsync(again);
            Assert.Equal(1, actions.Count(a => a == "service.key_created"));
            Assert.Equal(1, actions.Count(a => a == "service.measurements_set"));
            Assert.Equal(2, actions.Count(a => a == "service.unsealed"));
        }
    }

    [Fact]
    public async Task A_replica_of_an_approved_build_on_another_chip_gets_the_key_from_a_running_instance()
    {
        await using var cluster = await CustodyCluster.CreateAsync();
        var first = cluster.Chip();
        var second = cluster.Chip(first.Measurement);
        var running = cluster.Start(first);
        await CustodyCluster.WaitForAsync(running, "open");
        await cluster.PutSecretAsync(running, "dataset-key", "shared by replicas");

        var replica = cluster.Start(second);
        var status = await CustodyCluster.WaitForAsync(replica, "open");
        Assert.Contains("running instance", status.Reason, StringComparison.Ordinal);
        Assert.Equal("shared by replicas", await CustodyCluster.ReadSecretAsync(replica, "dataset-key"));
        using var a = running.CreateClient();
        using var b = replica.CreateClient();
        var keys = await a.GetStringAsync("/keys");
        Assert.Equal(keys, await b.GetStringAsync("/keys"));

        // The replica signs with the same keys: a tree head it signs names a key the first instance publishes.
        using var aliceOnReplica = replica.CreateClient(cluster.Member("alice"));
        var head = await aliceOnReplica.GetFromJsonAsync<System.Text.Json.JsonElement>("/audit/tree-heads/latest");
        Assert.Contains($"\"kid\":\"{head.GetProperty("keyId").GetString()}\"", keys, StringComparison.Ordinal);

        // Its next restart on its own chip needs nobody: the key it received is sealed to that chip now.
        await cluster.StopAsync(running);
        await cluster.StopAsync(replica);
        var restarted = cluster.Start(second);
        Assert.Contains("seal", (await CustodyCluster.WaitForAsync(restarted, "open")).Reason, StringComparison.Ordinal);
        Assert.Contains("service.key_transferred", await CustodyCluster.AuditActionsAsync(restarted));
    }

    [Fact]
    public async Task An_unapproved_build_gets_nothing_and_says_why_until_the_consortium_votes_it_in()
    {
        await using var cluster = await CustodyCluster.CreateAsync();
        var approved = cluster.Chip();
        var upgrade = cluster.Chip();
        var running = cluster.Start(approved);
        await CustodyCluster.WaitForAsync(running, "open");

        var refused = cluster.Start(upgrade);
        var status = await CustodyCluster.WaitForAsync(refused, "refused");
        Assert.Contains(upgrade.MeasurementHex, status.Reason, StringComparison.Ordinal);
        var refusedPut = await cluster.PutSecretAsync(refused, "anything", "never stored");
        var problem = await ProblemAssert.IsProblem(refusedPut, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("/service/status", problem.GetRawText(), StringComparison.Ordinal);
        Assert.NotNull(refusedPut.Headers.RetryAfter);

        await cluster.StopAsync(refused);

        // An upgrade is a vote: with the new build approved, a new instance of it gets the key from the running one.
        await cluster.EnactAsync(running, new { kind = "setServiceMeasurements", measurements = new[] { approved.MeasurementHex, upgrade.MeasurementHex } });
        var upgraded = cluster.Start(upgrade);
        await CustodyCluster.WaitForAsync(upgraded, "open");
        var actions = await CustodyCluster.AuditActionsAsync(upgraded);
        Assert.Contains("service.unseal_refused", actions);
        Assert.Equal(2, actions.Count(a => a == "service.measurements_set"));
    }

    [Fact]
    public async Task A_build_added_to_the_database_outside_a_vote_is_refused_the_key_by_the_running_instance()
    {
        await using var cluster = await CustodyCluster.CreateAsync();
        var approved = cluster.Chip();
        var rogue = cluster.Chip();
        var running = cluster.Start(approved);
        await CustodyCluster.WaitForAsync(running, "open");

        // Someone with the database alone approves their own build.
        await using (var scope = running.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            await db.Database.ExecuteSqlAsync($"UPDATE consortium_settings SET service_measurements = array_append(service_measurements, {rogue.MeasurementHex})");
        }

        var attacker = cluster.Start(rogue);
        var status = await CustodyCluster.WaitForAsync(attacker, "refused");
        Assert.Contains("custody.tampered", status.Reason, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(() => CustodyCluster.ReadSecretAsync(attacker, "none"));
        Assert.Contains("service.key_transfer_refused", await CustodyCluster.AuditActionsAsync(running));
    }

    [Fact]
    public async Task After_every_instance_is_gone_k_shares_recover_the_key_and_k_minus_one_do_not()
    {
        await using var cluster = await CustodyCluster.CreateAsync();
        var original = cluster.Chip();
        var replacement = cluster.Chip(original.Measurement);
        var running = cluster.Start(original);
        await CustodyCluster.WaitForAsync(running, "open");
        await cluster.PutSecretAsync(running, "model-key", "survives losing every instance");
        await cluster.RegisterRecoveryKeysAsync(running);
        await cluster.EnactAsync(running, new { kind = "setRecoveryPolicy", threshold = 2, holders = new[] { "alice", "bob", "carol" } });
        var shares = new Dictionary<string, byte[]>();
        foreach (var holder in new[] { "alice", "bob", "carol" })
        {
            shares[holder] = await cluster.OpenOwnShareAsync(running, holder);
        }

        await cluster.StopAsync(running);
        var recovering = cluster.Start(replacement);
        var waiting = await CustodyCluster.WaitForAsync(recovering, "awaiting-key");
        Assert.Equal(2, waiting.Recovery!.Threshold);

        var one = await cluster.SubmitShareAsync(recovering, "carol", shares["carol"]);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.False((await one.Content.ReadFromJsonAsync<Protocol.Service.RecoverySubmissionResponse>())!.Recovered);
        Assert.Equal("awaiting-key", (await CustodyCluster.StatusAsync(recovering)).State);
        await Assert.ThrowsAnyAsync<Exception>(() => CustodyCluster.ReadSecretAsync(recovering, "model-key"));

        var two = await cluster.SubmitShareAsync(recovering, "alice", shares["alice"]);
        Assert.True((await two.Content.ReadFromJsonAsync<Protocol.Service.RecoverySubmissionResponse>())!.Recovered);
        Assert.Equal("open", (await CustodyCluster.StatusAsync(recovering)).State);
        Assert.Equal("survives losing every instance", await CustodyCluster.ReadSecretAsync(recovering, "model-key"));
        var actions = await CustodyCluster.AuditActionsAsync(recovering);
        Assert.Equal(2, actions.Count(a => a == "service.recovery_share_received"));
        Assert.Contains("service.recovery_shares_made", actions);
    }

    [Fact]
    public async Task A_wrong_share_is_caught_and_every_submitted_share_discarded()
    {
        await using var cluster = await CustodyCluster.CreateAsync();
        var original = cluster.Chip();
        var replacement = cluster.Chip(original.Measurement);
        var running = cluster.Start(original);
        await CustodyCluster.WaitForAsync(running, "open");
        await cluster.RegisterRecoveryKeysAsync(running);
        await cluster.EnactAsync(running, new { kind = "setRecoveryPolicy", threshold = 2, holders = new[] { "alice", "bob" } });
        var alice = await cluster.OpenOwnShareAsync(running, "alice");
        var bob = await cluster.OpenOwnShareAsync(running, "bob");
        await cluster.StopAsync(running);

        var recovering = cluster.Start(replacement);
        await CustodyCluster.WaitForAsync(recovering, "awaiting-key");
        var forged = bob.ToArray();
        forged[^1] ^= 1;
        await cluster.SubmitShareAsync(recovering, "alice", alice);
        await ProblemAssert.IsProblem(await cluster.SubmitShareAsync(recovering, "bob", forged), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0, (await CustodyCluster.StatusAsync(recovering)).Recovery!.Received);

        // carol holds no share; a share sealed to another key is not read.
        await ProblemAssert.IsProblem(await cluster.SubmitShareAsync(recovering, "carol", alice), HttpStatusCode.Forbidden);
        using var client = recovering.CreateClient(cluster.Member("bob"));
        await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/service/recovery/shares", new { share = "not.a.jwe.at.all" }), HttpStatusCode.BadRequest);

        await cluster.SubmitShareAsync(recovering, "alice", alice);
        await cluster.SubmitShareAsync(recovering, "bob", bob);
        Assert.Equal("open", (await CustodyCluster.StatusAsync(recovering)).State);
    }
}
