using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Governance.Client;
using Governance.Client.Auth;
using Governance.IntegrationTests.Infrastructure;
using Governance.IntegrationTests.Sdk;
using Governance.LocalPostgres;
using Npgsql;
using Xunit.Abstractions;

namespace Governance.IntegrationTests.Operations;

/// <summary>
/// PostgreSQL stopped the hard way (pg_ctl stop -m immediate) under a write load on the service as a process: while it
/// is down every answer is a 503 problem with Retry-After (never a 500), /readyz says so in JSON, the SDK waits and
/// retries; once PostgreSQL is started again, requests succeed without restarting the service.
/// </summary>
public sealed class PostgresOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "governance-outage-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly TestMember member = TestMember.Create("ops", "member");
    private LocalPostgresCluster? cluster;

    private string PgData => Path.Combine(root, "postgres", "data");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(root);
        // A cluster of this test's own, since it is stopped under the service: the shared test server must stay up.
        cluster = LocalPostgresCluster.Start(Path.Combine(root, "postgres"), LocalClusterDurability.UnsafeFastForTests, deleteOnDispose: true);
        await using var connection = new NpgsqlConnection(cluster.ConnectionString());
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE DATABASE governance", connection);
        await create.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync()
    {
        member.Dispose();
        cluster?.Stop();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task While_postgres_is_down_every_answer_is_503_with_retry_after_and_the_service_recovers_without_a_restart()
    {
        await using var service = ServiceProcess.Start(root, new Dictionary<string, string?>
        {
            ["ConnectionStrings__Governance"] = cluster!.ConnectionString("governance"),
            ["Governance__BootstrapFile"] = ServiceProcess.WriteBootstrapFile(root, member),
            ["Secrets__KeyEncryptionKeys__0__Id"] = "outage-test",
            ["Secrets__KeyEncryptionKeys__0__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Database__UnavailableRetryAfterSeconds"] = "1",
        });
        var address = await service.WaitUntilListeningAsync();
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", member.CreateToken(lifetime: TimeSpan.FromMinutes(9)));

        var answers = new ConcurrentQueue<(DateTimeOffset At, HttpStatusCode Status, bool RetryAfter, string? MediaType, string Body)>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using var response = await client.PutAsJsonAsync(
                    $"/secrets/o{worker}-{i}", new { valueBase64 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)) }, CancellationToken.None);
                var body = response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync();
                answers.Enqueue((DateTimeOffset.UtcNow, response.StatusCode, response.Headers.RetryAfter is not null, response.Content.Headers.ContentType?.MediaType, body));
                if (!response.IsSuccessStatusCode)
                {
                    // As a well-behaved client would; also keeps the load from spinning on instant refusals.
                    await Task.Delay(50);
                }
            }
        })).ToArray();

        await WaitForAsync(() => answers.Count(a => a.Status == HttpStatusCode.Created) >= 40, "writes before the outage");
        ServiceProcess.PgCtl("-D", PgData, "-m", "immediate", "stop");
        var stoppedAt = DateTimeOffset.UtcNow;
        await WaitForAsync(() => answers.Count(a => a.At > stoppedAt && a.Status == HttpStatusCode.ServiceUnavailable) >= 20, "503s during the outage");

        // Anonymous, as a probe asks: a bearer token would be checked against the database first (and answered 503 problem).
        using var probe = new HttpClient { BaseAddress = address };
        using var ready = await probe.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("application/json", ready.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(ready.Headers.RetryAfter);
        using (var readiness = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()))
        {
            Assert.Equal("unhealthy", readiness.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        }

        // An SDK call started during the outage: it is answered 503 with Retry-After and must wait and retry until
        // PostgreSQL is back, then succeed.
        var attempts = new FaultInjectingHandler(new SocketsHttpHandler());
        using var sdk = new GovernanceClient(address, new CallbackTokenProvider(_ => ValueTask.FromResult<string?>(member.CreateToken())), attempts,
            new GovernanceClientOptions { MaxRetryAttempts = 30, RetryDelay = TimeSpan.FromMilliseconds(100) });
        var sdkCall = sdk.Secrets.ListAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));

        ServiceProcess.PgCtl("-D", PgData, "-l", Path.Combine(root, "postgres", "postgres.log"), "-w", "-t", "60", "restart");
        var restartedAt = DateTimeOffset.UtcNow;
        await WaitForAsync(() => answers.Count(a => a.At > restartedAt && a.Status == HttpStatusCode.Created) >= 40, "writes after PostgreSQL is back");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var steadyFrom = DateTimeOffset.UtcNow;
        await WaitForAsync(() => answers.Count(a => a.At > steadyFrom) >= 40, "a steady second after recovery");
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.NotEmpty(await sdkCall);
        Assert.True(attempts.Attempts > 1, "the SDK call never met the outage");

        var all = answers.ToList();
        output.WriteLine($"{all.Count} answers: {all.Count(a => a.Status == HttpStatusCode.ServiceUnavailable)} were 503, " +
                         $"{all.Count(a => a.At > restartedAt && a.Status != HttpStatusCode.Created)} of them after PostgreSQL was back; the SDK call took {attempts.Attempts} attempts");
        var unexpected = all.Where(a => a.Status is not (HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable)).ToList();
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} answers were neither 201 nor 503, e.g. {unexpected.FirstOrDefault()}");
        var unavailable = all.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.All(unavailable, a =>
        {
            Assert.True(a.RetryAfter, "a 503 without Retry-After");
            Assert.Equal("application/problem+json", a.MediaType);
            Assert.DoesNotContain("Exception", a.Body, StringComparison.Ordinal);
        });
        Assert.All(all.Where(a => a.At > steadyFrom), a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.False(service.HasExited);
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/readyz")).StatusCode);
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
