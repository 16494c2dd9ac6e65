using System.Diagnostics;

namespace Governance.Benchmarks.Release;

/// <summary>Throughput and latency percentiles of one bounded load run.</summary>
internal sealed record LoadStatistics(int Requests, int Succeeded, TimeSpan Elapsed, double P50Ms, double P99Ms, double MaxMs, CpuMeter Cpu, GcMeter Gc)
{
    public double PerSecond => Succeeded / Elapsed.TotalSeconds;

    /// <summary>CPU milliseconds per request in this process (service and driver) and in PostgreSQL.</summary>
    public (double Process, double Postgres) CpuMsPerRequest =>
        (Cpu.Process.TotalMilliseconds / Requests, Cpu.Postgres.TotalMilliseconds / Requests);

    /// <summary>
    /// Sends exactly <paramref name="requests"/> requests with at most <paramref name="concurrency"/> in
    /// flight, or paced at <paramref name="ratePerSecond"/> when given (open loop, for "half load").
    /// </summary>
    public static async Task<LoadStatistics> RunAsync(int requests, int concurrency, double? ratePerSecond, Func<int, Task<bool>> send)
    {
        var latencies = new double[requests];
        var succeeded = 0;
        var next = -1;
        var cpu = CpuMeter.Read();
        var gc = GcMeter.Read();
        var clock = Stopwatch.StartNew();
        async Task WorkerAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests)
            {
                if (ratePerSecond is { } rate)
                {
                    var due = TimeSpan.FromSeconds(index / rate);
                    var wait = due - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }
                }

                var started = Stopwatch.GetTimestamp();
                var ok = await send(index);
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (ok)
                {
                    Interlocked.Increment(ref succeeded);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
        var elapsed = clock.Elapsed;
        var used = CpuMeter.Read().Since(cpu);
        var collected = GcMeter.Read().Since(gc);
        Array.Sort(latencies);
        return new LoadStatistics(requests, succeeded, elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies[^1], used, collected);
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
