namespace Governance.LocalPostgres;

/// <summary>Finds the machine's PostgreSQL server binaries without assuming a version.</summary>
public static class PostgresBinaries
{
    public static string FindBinDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("GOVERNANCE_PG_BINDIR");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "initdb")))
        {
            return fromEnv;
        }

        var fromPgConfig = TryPgConfig();
        if (fromPgConfig is not null && File.Exists(Path.Combine(fromPgConfig, "initdb")))
        {
            return fromPgConfig;
        }

        // Debian keeps server binaries per major version; pg_config may belong to the client package only.
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install PostgreSQL (e.g. `apt-get install postgresql`), " +
            "set GOVERNANCE_PG_BINDIR, or configure ConnectionStrings:Governance.");
    }

    private static string? TryPgConfig()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
