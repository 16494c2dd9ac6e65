using Governance.LocalPostgres;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Simulation;
using Governance.Protocol.Release;
using Governance.Testing;
using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.Benchmarks.Release;

/// <summary>
/// Bounded loopback load on the real service over HTTP (Kestrel on 127.0.0.1) with PostgreSQL: measures
/// end-to-end releases per second and latency percentiles, beside the raw ECDSA P-384 verify rate of the same
/// machine in the same run. Evidence is signed by a simulated AMD-like platform trusted as an extra root here only.
/// <c>dotnet run -c Release --project tests/Governance.Benchmarks -- release-load [--requests 2000] [--concurrency 16] [--warmup 3000]</c>
/// </summary>
internal static class ReleaseLoadDriver
{
    public static async Task RunAsync(string[] args)
    {
        var requests = DriverArguments.Int(args, "--requests", 2000);
        var concurrency = DriverArguments.Int(args, "--concurrency", 16);
        var contracts = DriverArguments.Int(args, "--contracts", 16);
        var warmup = DriverArguments.Int(args, "--warmup", 3000);

        Console.WriteLine($"Raw ECDSA P-384 verify ({Environment.ProcessorCount} threads, 3 s)…");
        var raw = RawVerifyRate.Measure(TimeSpan.FromSeconds(3), Environment.ProcessorCount);

        // The service's content root: this output folder (the benchmark does not run from the source tree).
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GOVERNANCE_API", AppContext.BaseDirectory);
        using var platform = SimulatedSnpPlatform.Create(SnpProduct.Milan);
        // --durable: a cluster of its own that commits as the service's default install does (fsync and
        // synchronous_commit on); otherwise the tests' fast cluster, which acknowledges commits before they are on disk.
        await using var durable = args.Contains("--durable")
            ? LocalPostgresCluster.Start(Path.Combine(Path.GetTempPath(), $"governance-bench-pg-{Guid.NewGuid():N}"[..40]), LocalClusterDurability.Durable, deleteOnDispose: true)
            : null;
        Console.WriteLine(durable is null ? "PostgreSQL: fast test cluster (fsync off)" : "PostgreSQL: durable cluster (fsync, synchronous_commit, full_page_writes on)");
        var database = durable is null ? await TestPostgres.CreateDatabaseAsync("bench") : await CreateDatabaseAsync(durable);
        await using var service = new LoopbackService(platform, database);
        service.UseKestrel(0);
        service.StartServer();
        using var client = service.CreateClient();
        client.BaseAddress = service.ClientOptions.BaseAddress;
        Console.WriteLine($"Service on {client.BaseAddress}");

        var measurement = RandomNumberGenerator.GetBytes(48);
        var ids = new List<string>();
        for (var i = 0; i < contracts; i++)
        {
            ids.Add(await service.SeedContractAsync(measurement, i));
        }

        using var vmKey = RSA.Create(3072);
        var parameters = vmKey.ExportParameters(false);
        var wrappingKey = new WrappingKey { Kty = "RSA", N = Base64Url.EncodeToString(parameters.Modulus), E = Base64Url.EncodeToString(parameters.Exponent) };

        async Task<ReleaseRequest[]> PrepareAsync(int count)
        {
            var prepared = new ReleaseRequest[count];
            for (var i = 0; i < count; i++)
            {
                var challenge = (await (await client.PostAsync("/release/challenges", null)).Content.ReadFromJsonAsync<ReleaseChallenge>())!;
                var report = platform.NewReport() with
                {
                    ReportData = ReleaseBinding.Compute(Base64Url.DecodeFromChars(challenge.Nonce), wrappingKey),
                    Measurement = measurement,
                };
                prepared[i] = new ReleaseRequest(ids[i % ids.Count], challenge.Nonce,
                    new ReleaseEvidence(ReleaseEvidence.SevSnp, Convert.ToBase64String(platform.SignReport(report)), Convert.ToBase64String(platform.CertificateTable())),
                    wrappingKey);
            }

            return prepared;
        }

        Task<LoadStatistics> Load(ReleaseRequest[] prepared, int workers, double? rate) =>
            LoadStatistics.RunAsync(prepared.Length, workers, rate, async index =>
            {
                using var response = await client.PostAsJsonAsync("/release", prepared[index]);
                return response.IsSuccessStatusCode;
            });

        // Warm-up long enough for tiered compilation to reach its optimised code, and for pools and the chain cache.
        await Load(await PrepareAsync(warmup), concurrency, null);
        var prepared = await PrepareAsync(requests);
        Console.WriteLine($"Full load: {requests} releases, {concurrency} in flight…");
        var full = await Load(prepared, concurrency, null);
        prepared = await PrepareAsync(requests);
        Console.WriteLine($"Half load: {full.PerSecond / 2:F0}/s…");
        var half = await Load(prepared, concurrency, full.PerSecond / 2);

        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("| --- | --- |");
        Console.WriteLine($"| raw ECDSA P-384 verify/s | {raw:F0} |");
        Console.WriteLine($"| releases/s (closed loop, {concurrency} in flight, {requests} requests, {full.Succeeded} granted) | {full.PerSecond:F0} ({100 * full.PerSecond / raw:F1} % of raw) |");
        Console.WriteLine($"| latency at full load p50 / p99 / max (ms) | {full.P50Ms:F1} / {full.P99Ms:F1} / {full.MaxMs:F1} |");
        Console.WriteLine($"| CPU per release at full load: this process (service + driver) / PostgreSQL (ms) | {full.CpuMsPerRequest.Process:F2} / {full.CpuMsPerRequest.Postgres:F2} |");
        Console.WriteLine($"| garbage collections at full load, gen 0 / 1 / 2 | {full.Gc} |");
        Console.WriteLine($"| CPU per raw verify (ms) | {Environment.ProcessorCount * 1000 / raw:F2} |");
        Console.WriteLine($"| latency at half load ({full.PerSecond / 2:F0}/s, {half.Succeeded} granted) p50 / p99 / max (ms) | {half.P50Ms:F1} / {half.P99Ms:F1} / {half.MaxMs:F1} |");
        Console.WriteLine($"| garbage collections at half load, gen 0 / 1 / 2 | {half.Gc} |");
    }

    private static async Task<string> CreateDatabaseAsync(LocalPostgresCluster cluster)
    {
        await using (var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString()))
        {
            await connection.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand("CREATE DATABASE bench", connection);
            await create.ExecuteNonQueryAsync();
        }

        return cluster.ConnectionString("bench");
    }
}
