using System.Diagnostics;
using System.Globalization;

namespace Governance.Benchmarks.Release;

/// <summary>
/// CPU time spent by this process (service and load driver together) and by every PostgreSQL process, so a
/// run can say where each release's CPU goes. PostgreSQL's share is read from /proc and is zero elsewhere.
/// </summary>
internal readonly record struct CpuMeter(TimeSpan Process, TimeSpan Postgres)
{
    // USER_HZ: Linux reports utime/stime in these ticks on every architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static CpuMeter Read()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return new CpuMeter(self.TotalProcessorTime, PostgresTime());
    }

    public CpuMeter Since(CpuMeter start) => new(Process - start.Process, Postgres - start.Postgres);

    private static TimeSpan PostgresTime()
    {
        if (!OperatingSystem.IsLinux())
        {
            return TimeSpan.Zero;
        }

        var ticks = 0L;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var nameEnd = stat.LastIndexOf(')');
                if (nameEnd < 0 || !stat.AsSpan(0, nameEnd).Contains("(postgres", StringComparison.Ordinal))
                {
                    continue;
                }

                // Fields after "(comm)": state is field 3, utime 14, stime 15, cutime 16, cstime 17. Backends come
                // and go; the postmaster's cutime/cstime keep the time of those it has reaped.
                var fields = stat[(nameEnd + 2)..].Split(' ');
                for (var field = 11; field <= 14; field++)
                {
                    ticks += long.Parse(fields[field], CultureInfo.InvariantCulture);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended while being read.
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
