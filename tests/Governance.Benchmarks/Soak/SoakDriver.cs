using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Simulation;
using Governance.Benchmarks.Release;
using Governance.Protocol.Release;
using Governance.Testing;
using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.Benchmarks.Soak;

/// <summary>
/// A steady, paced load on the real service over HTTP (Kestrel on 127.0.0.1) for many minutes, to see whether memory
/// grows: challenge + release (the hot path, reads and writes in PostgreSQL), the key set and the readiness probe.
/// Every few seconds it samples the process's working set and its live managed heap (after a full collection), and
/// at the end prints both at the start and the end and their slope in MB per minute, least squares over the samples
/// taken after the warm-up. The service and the driver share this process; the driver keeps only counters.
/// <c>dotnet run -c Release --project tests/Governance.Benchmarks -- soak [--minutes 10] [--rate 100] [--concurrency 8] [--sample-seconds 5] [--warmup-seconds 60]</c>
/// </summary>
internal static class SoakDriver
{
    public static async Task RunAsync(string[] args)
    {
        var minutes = DriverArguments.Double(args, "--minutes", 10.0);
        var rate = DriverArguments.Double(args, "--rate", 100.0);
        var concurrency = (int)DriverArguments.Double(args, "--concurrency", 8.0);
        var sampleEvery = TimeSpan.FromSeconds(DriverArguments.Double(args, "--sample-seconds", 5.0));
        var warmup = TimeSpan.FromSeconds(DriverArguments.Double(args, "--warmup-seconds", Math.Min(60, minutes * 60 / 5)));
        var duration = TimeSpan.FromMinutes(minutes);

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GOVERNANCE_API", AppContext.BaseDirectory);
        using var platform = SimulatedSnpPlatform.Create(SnpProduct.Milan);
        await using var service = new LoopbackService(platform, await TestPostgres.CreateDatabaseAsync("soak"));
        service.UseKestrel(0);
        service.StartServer();
        using var client = service.CreateClient();
        client.BaseAddress = service.ClientOptions.BaseAddress;
        Console.WriteLine($"Service on {client.BaseAddress}; {minutes:F1} min at {rate:F0} releases/s, {concurrency} in flight at most, a sample every {sampleEvery.TotalSeconds:F0} s, slope after {warmup.TotalSeconds:F0} s");

        var measurement = RandomNumberGenerator.GetBytes(48);
        var contracts = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            contracts.Add(await service.SeedContractAsync(measurement, i));
        }

        using var vmKey = RSA.Create(3072);
        var parameters = vmKey.ExportParameters(false);
        var wrappingKey = new WrappingKey { Kty = "RSA", N = Base64Url.EncodeToString(parameters.Modulus), E = Base64Url.EncodeToString(parameters.Exponent) };

        long granted = 0, failed = 0, next = -1;
        var samples = new List<Sample>();
        var clock = Stopwatch.StartNew();
        samples.Add(Sample.Take(clock.Elapsed, 0));

        async Task WorkerAsync()
        {
            while (clock.Elapsed < duration)
            {
                var index = Interlocked.Increment(ref next);
                var wait = TimeSpan.FromSeconds(index / rate) - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                try
                {
                    var challenge = (await (await client.PostAsync("/release/challenges", null)).Content.ReadFromJsonAsync<ReleaseChallenge>())!;
                    var report = platform.NewReport() with
                    {
                        ReportData = ReleaseBinding.Compute(Base64Url.DecodeFromChars(challenge.Nonce), wrappingKey),
                        Measurement = measurement,
                    };
                    var request = new ReleaseRequest(contracts[(int)(index % contracts.Count)], challenge.Nonce,
                        new ReleaseEvidence(ReleaseEvidence.SevSnp, Convert.ToBase64String(platform.SignReport(report)), Convert.ToBase64String(platform.CertificateTable())),
                        wrappingKey);
                    using var response = await client.PostAsJsonAsync("/release", request);
                    Interlocked.Increment(ref response.IsSuccessStatusCode ? ref granted : ref failed);
                    if (index % 50 == 0)
                    {
                        using var keys = await client.GetAsync("/keys");
                        using var ready = await client.GetAsync("/readyz");
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }

        var load = Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
        while (!load.IsCompleted)
        {
            await Task.WhenAny(load, Task.Delay(sampleEvery));
            var sample = Sample.Take(clock.Elapsed, Interlocked.Read(ref granted));
            samples.Add(sample);
            if (samples.Count % Math.Max(1, (int)(30 / sampleEvery.TotalSeconds)) == 0 || load.IsCompleted)
            {
                Console.WriteLine($"{sample.At.TotalMinutes,6:F2} min  working set {sample.WorkingSetMb,7:F1} MB  live managed heap {sample.ManagedHeapMb,6:F1} MB  granted {sample.Granted}  failed {Interlocked.Read(ref failed)}");
            }
        }

        await load;
        var steady = samples.Where(s => s.At >= warmup).ToList();
        var first = samples[0];
        var afterWarmup = steady[0];
        var last = samples[^1];
        Console.WriteLine();
        Console.WriteLine("| measure | start | after warm-up | end | slope after warm-up (MB/min) |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        Console.WriteLine($"| working set (MB) | {first.WorkingSetMb:F1} | {afterWarmup.WorkingSetMb:F1} | {last.WorkingSetMb:F1} | {Slope(steady, s => s.WorkingSetMb):F2} |");
        Console.WriteLine($"| live managed heap (MB) | {first.ManagedHeapMb:F1} | {afterWarmup.ManagedHeapMb:F1} | {last.ManagedHeapMb:F1} | {Slope(steady, s => s.ManagedHeapMb):F2} |");
        Console.WriteLine();
        Console.WriteLine($"{last.At.TotalMinutes:F1} min, {granted} releases granted ({granted / last.At.TotalSeconds:F0}/s), {failed} failed, {steady.Count} samples after warm-up, gen 2 collections {GC.CollectionCount(2)}");
    }

    /// <summary>Least-squares slope of the value against time, in MB per minute.</summary>
    private static double Slope(IReadOnlyList<Sample> samples, Func<Sample, double> value)
    {
        if (samples.Count < 2)
        {
            return double.NaN;
        }

        var meanT = samples.Average(s => s.At.TotalMinutes);
        var meanV = samples.Average(value);
        var covariance = samples.Sum(s => (s.At.TotalMinutes - meanT) * (value(s) - meanV));
        var variance = samples.Sum(s => Math.Pow(s.At.TotalMinutes - meanT, 2));
        return covariance / variance;
    }

    private sealed record Sample(TimeSpan At, double WorkingSetMb, double ManagedHeapMb, long Granted)
    {
        /// <summary>The live heap is measured after a full, blocking collection: what a leak would leave behind, not garbage yet to be collected.</summary>
        public static Sample Take(TimeSpan at, long granted)
        {
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            using var process = Process.GetCurrentProcess();
            return new Sample(at, process.WorkingSet64 / 1048576.0, heap / 1048576.0, granted);
        }
    }
}
