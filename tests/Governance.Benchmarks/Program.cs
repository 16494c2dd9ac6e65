using BenchmarkDotNet.Running;

namespace Governance.Benchmarks;

internal static class BenchmarkProgram
{
    public static async Task Main(string[] args)
    {
        if (args is ["release-load", ..])
        {
            await Release.ReleaseLoadDriver.RunAsync(args[1..]);
            return;
        }

        if (args is ["fuzz", ..])
        {
            await Fuzz.FuzzDriver.RunAsync(args[1..]);
            return;
        }

        if (args is ["soak", ..])
        {
            await Soak.SoakDriver.RunAsync(args[1..]);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
