namespace Governance.Benchmarks.Release;

/// <summary>Garbage collections and the time the runtime was paused for them, so latency tails can be told apart from GC.</summary>
internal readonly record struct GcMeter(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static GcMeter Read() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public GcMeter Since(GcMeter start) => new(Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, Paused - start.Paused);

    public override string ToString() => $"{Gen0} / {Gen1} / {Gen2}, paused {Paused.TotalMilliseconds:F0} ms";
}
