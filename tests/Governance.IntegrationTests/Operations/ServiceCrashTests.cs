using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Governance.IntegrationTests.Infrastructure;
using Governance.Protocol.Audit;

namespace Governance.IntegrationTests.Operations;

/// <summary>
/// The service killed with SIGKILL in the middle of a write load, then started again with the same command, as a
/// supervisor would after a crash or an OOM kill: it must take its orphaned local cluster back, and every write it
/// acknowledged must be there, with an audit log that is contiguous and verifies against its signed head.
/// </summary>
public sealed class ServiceCrashTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "governance-crash-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly TestMember member = TestMember.Create("ops", "member", "auditor", "operator");

    public ServiceCrashTests() => Directory.CreateDirectory(root);

    public void Dispose()
    {
        member.Dispose();
        var data = Path.Combine(root, "postgres", "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            ServiceProcess.PgCtl("-D", data, "-m", "immediate", "stop");
        }

        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Every_acknowledged_write_survives_a_kill_of_the_service_and_the_audit_log_stays_contiguous()
    {
        var environment = new Dictionary<string, string?>
        {
            ["Database__LocalDataDirectory"] = root,
            ["Governance__BootstrapFile"] = ServiceProcess.WriteBootstrapFile(root, member),
            ["Secrets__KeyEncryptionKeys__0__Id"] = "crash-test",
            ["Secrets__KeyEncryptionKeys__0__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        var acknowledged = new ConcurrentBag<string>();

        var first = ServiceProcess.Start(root, environment);
        await using (first)
        {
            using var client = Client(await first.WaitUntilListeningAsync());
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var name = $"w{worker}-{i}";
                    try
                    {
                        using var response = await client.PutAsJsonAsync(
                            $"/secrets/{name}", new { valueBase64 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)) }, CancellationToken.None);
                        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                        {
                            acknowledged.Add(name);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // The service is gone: whatever was in flight was not acknowledged.
                        return;
                    }
                }
            })).ToArray();

            while (acknowledged.Count < 150)
            {
                await Task.Delay(20);
            }

            await first.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        // The same command again. Its postmaster outlived it; the new process must stop that one and start its own.
        await using var second = ServiceProcess.Start(root, environment);
        using var after = Client(await second.WaitUntilListeningAsync());
        Assert.Contains("left running on", second.StandardOutput, StringComparison.Ordinal);

        var stored = (await after.GetFromJsonAsync<JsonElement>("/secrets")).EnumerateArray()
            .Select(s => s.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);
        var missing = acknowledged.Where(name => !stored.Contains(name)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged writes are missing: {string.Join(", ", missing.Take(10))}");

        using var export = await after.GetAsync("/audit/export?format=jsonl");
        export.EnsureSuccessStatusCode();
        var head = JsonSerializer.Deserialize<TreeHeadDto>(Convert.FromBase64String(export.Headers.GetValues("Audit-Tree-Head").Single()), AuditJson.Options)!;
        var entries = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<AuditEntryDto>(line, AuditJson.Options)!).ToList();
        var keys = (await after.GetFromJsonAsync<ServiceJwkSet>("/keys", AuditJson.Options))!.Keys;
        var verdict = AuditExportVerifier.Verify(entries, head, keys);
        Assert.True(verdict.IsValid, verdict.Message);

        var audited = entries.Where(e => e.Action == "secret.created").SelectMany(e => e.Subjects).ToHashSet(StringComparer.Ordinal);
        var unaudited = acknowledged.Where(name => !audited.Contains($"secret:{member.Id}/{name}")).ToList();
        Assert.True(unaudited.Count == 0, $"{unaudited.Count} acknowledged writes have no audit entry: {string.Join(", ", unaudited.Take(10))}");
    }

    private HttpClient Client(Uri address)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", member.CreateToken(lifetime: TimeSpan.FromMinutes(9)));
        return client;
    }
}
