using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Simulation;
using Governance.IntegrationTests.Infrastructure;
using Governance.IntegrationTests.Release;
using Governance.Protocol.Audit;
using Governance.Protocol.Contracts;
using Governance.Protocol.Release;
using Governance.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Governance.IntegrationTests.Operations;

/// <summary>
/// Two service processes over one PostgreSQL database under a release load: each challenge is taken from one replica
/// and redeemed at the other, and every tenth granted request is replayed at the replica that did not grant it. Every
/// nonce must be used exactly once, every grant audited once, and the audit log contiguous and verifying.
/// Inside `dotnet test` the load runs 20 seconds (GOVERNANCE_REPLICA_LOAD_SECONDS lengthens it, e.g. to a minute) so
/// the whole suite stays well inside its time on CI.
/// </summary>
public sealed class ReplicaReleaseLoadTests(ITestOutputHelper output) : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "governance-replicas-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly TestMember alice = TestMember.Create("alice", "member", "auditor");
    private readonly SimulatedSnpPlatform platform = SimulatedSnpPlatform.Create(SnpProduct.Milan);

    public void Dispose()
    {
        alice.Dispose();
        platform.Dispose();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Two_replicas_under_release_load_use_every_nonce_once_and_keep_the_audit_log_contiguous()
    {
        Directory.CreateDirectory(root);
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("GOVERNANCE_REPLICA_LOAD_SECONDS"), CultureInfo.InvariantCulture, out var given) ? given : 20;
        var database = await TestPostgres.CreateDatabaseAsync("replicas");
        var roots = Path.Combine(root, "simulated-roots.pem");
        await File.WriteAllTextAsync(roots, string.Join('\n', platform.Ark.ExportCertificatePem(), platform.Ask.ExportCertificatePem(), platform.Asvk.ExportCertificatePem()));
        var environment = new Dictionary<string, string?>
        {
            // Not Production: only there are extra trusted roots refused, and the simulated platform needs one.
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ConnectionStrings__Governance"] = database,
            ["Governance__BootstrapFile"] = ServiceProcess.WriteBootstrapFile(root, alice),
            ["Secrets__KeyEncryptionKeys__0__Id"] = "replica-test",
            ["Secrets__KeyEncryptionKeys__0__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Attestation__Offline"] = "true",
            ["Attestation__ExtraTrustedRootFiles__0"] = roots,
            ["Release__RateLimit__PermitLimit"] = "1000000",
        };

        await using var first = ServiceProcess.Start(root, environment);
        var firstAddress = await first.WaitUntilListeningAsync();
        await using var second = ServiceProcess.Start(root, environment);
        var secondAddress = await second.WaitUntilListeningAsync();
        using var a = Client(firstAddress);
        using var b = Client(secondAddress);
        HttpClient[] replicas = [a, b];

        var measurement = RandomNumberGenerator.GetBytes(48);
        var contracts = new[] { await SeedContractAsync(a, measurement, "one"), await SeedContractAsync(b, measurement, "two") };
        using var vm = new CleanRoomVm(platform, measurement);

        var granted = new ConcurrentBag<string>();
        var refusedFresh = new ConcurrentBag<string>();
        var replaysGranted = new ConcurrentBag<string>();
        var replays = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; clock.Elapsed < TimeSpan.FromSeconds(seconds); i++)
            {
                var issuer = replicas[(worker + i) % 2];
                var redeemer = replicas[(worker + i + 1) % 2];
                using var challengeResponse = await issuer.PostAsync("/release/challenges", null);
                challengeResponse.EnsureSuccessStatusCode();
                var nonce = (await challengeResponse.Content.ReadFromJsonAsync<ReleaseChallenge>())!.Nonce;
                var request = vm.Request(contracts[i % contracts.Length], nonce);
                using var release = await redeemer.PostAsJsonAsync("/release", request);
                if (release.StatusCode != HttpStatusCode.OK)
                {
                    refusedFresh.Add($"{(int)release.StatusCode} {await release.Content.ReadAsStringAsync()}");
                    continue;
                }

                granted.Add(nonce);
                if (i % 10 == 0)
                {
                    // The same request, nonce and all, at the replica that did not grant it.
                    Interlocked.Increment(ref replays);
                    using var replay = await issuer.PostAsJsonAsync("/release", request);
                    if (replay.IsSuccessStatusCode)
                    {
                        replaysGranted.Add(nonce);
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        output.WriteLine($"{seconds} s on two replicas: {granted.Count} releases granted, {replays} replays tried, {refusedFresh.Count} fresh requests refused");

        Assert.True(refusedFresh.IsEmpty, $"{refusedFresh.Count} releases with a fresh nonce were refused, e.g. {refusedFresh.FirstOrDefault()}");
        Assert.True(replaysGranted.IsEmpty, $"{replaysGranted.Count} replayed nonces were granted a second time");
        Assert.True(granted.Count > 20, $"only {granted.Count} releases in {seconds} s");
        Assert.Equal(granted.Count, granted.Distinct(StringComparer.Ordinal).Count());

        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var used = new NpgsqlCommand("SELECT count(*) FROM release_challenges WHERE used_at IS NOT NULL", connection);
            Assert.Equal((long)granted.Count, (long)(await used.ExecuteScalarAsync())!);
        }

        using var export = await a.GetAsync("/audit/export?format=jsonl");
        export.EnsureSuccessStatusCode();
        var head = JsonSerializer.Deserialize<TreeHeadDto>(Convert.FromBase64String(export.Headers.GetValues("Audit-Tree-Head").Single()), AuditJson.Options)!;
        var entries = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<AuditEntryDto>(line, AuditJson.Options)!).ToList();
        var keys = (await b.GetFromJsonAsync<ServiceJwkSet>("/keys", AuditJson.Options))!.Keys;
        var verdict = AuditExportVerifier.Verify(entries, head, keys);
        Assert.True(verdict.IsValid, verdict.Message);
        Assert.Equal(granted.Count, entries.Count(e => e.Action == "release.granted"));
        Assert.Equal(replays, entries.Count(e => e.Action == "release.denied"));
    }

    /// <summary>A contract with one party and one secret, created, proposed and approved with Alice's signature over HTTP.</summary>
    private async Task<string> SeedContractAsync(HttpClient client, byte[] measurement, string name)
    {
        (await client.PutAsJsonAsync($"/secrets/model-{name}", new { valueBase64 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(256)) })).EnsureSuccessStatusCode();
        var content = new ContractContent
        {
            Title = $"Replica load {name}",
            Parties = [alice.Id],
            Secrets = [new SecretSpec { Owner = alice.Id, Name = $"model-{name}" }],
            CleanRoom = new CleanRoomProfile { Type = 1, Vmpl = 0 },
            AttestationPolicy = new AttestationPolicySpec { Measurements = [Convert.ToHexStringLower(measurement)] },
        };
        using var created = await client.PostAsJsonAsync("/contracts", content, ContractJson.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<ContractView>(ContractJson.Options))!.Id;
        (await client.PostAsync($"/contracts/{id}/propose", null)).EnsureSuccessStatusCode();
        var digest = (await client.GetFromJsonAsync<ContractDigestView>($"/contracts/{id}/digest", ContractJson.Options))!.Digest;
        using var approved = await client.PostAsJsonAsync($"/contracts/{id}/approvals",
            new ApproveContractRequest(digest, ContractApprovalSignature.Sign(alice.PrivateKey, alice.KeyId, id, digest)), ContractJson.Options);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        return id.ToString("D");
    }

    private HttpClient Client(Uri address)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", alice.CreateToken(lifetime: TimeSpan.FromMinutes(9)));
        return client;
    }
}
