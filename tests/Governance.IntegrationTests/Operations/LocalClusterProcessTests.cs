using System.Diagnostics;

namespace Governance.IntegrationTests.Operations;

/// <summary>
/// The service run as a process with no connection string, as a newcomer runs it: it starts a local cluster, and
/// whatever way it ends (the migrate command, a start-up failure) it stops that cluster.
/// </summary>
public sealed class LocalClusterProcessTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "governance-migrate-" + Guid.NewGuid().ToString("N"));

    private string PidFile => Path.Combine(root, "postgres", "data", "postmaster.pid");

    public LocalClusterProcessTests() => Directory.CreateDirectory(root);

    public void Dispose()
    {
        // Only if the command left its cluster running: stop it so the test run leaves nothing behind.
        if (File.Exists(PidFile) && int.TryParse(File.ReadLines(PidFile).First(), out var pid))
        {
            try
            {
                using var postmaster = Process.GetProcessById(pid);
                postmaster.Kill();
                postmaster.WaitForExit(10_000);
            }
            catch (ArgumentException)
            {
            }
        }

        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task The_migrate_command_applies_migrations_and_leaves_no_local_cluster_running()
    {
        var (exitCode, output) = await RunServiceAsync("migrate");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Migrations applied.", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, "postgres", "data", "PG_VERSION")), "the local cluster was not created where configured");
        Assert.False(File.Exists(PidFile), "the local cluster is still running");
    }

    [Fact]
    public async Task A_service_that_cannot_start_says_why_and_leaves_no_local_cluster_running()
    {
        // No key-encryption key is configured: the service must refuse to start.
        var (exitCode, output) = await RunServiceAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("No key-encryption key is configured", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, "postgres", "data", "PG_VERSION")), "the local cluster was not created where configured");
        Assert.False(File.Exists(PidFile), "the local cluster is still running");
    }

    private async Task<(int ExitCode, string Output)> RunServiceAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(ApiAssembly());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Database__LocalDataDirectory"] = root;
        start.Environment.Remove("ConnectionStrings__Governance");

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>The service as built beside this test run (same configuration), from the repository's api folder.</summary>
    private static string ApiAssembly()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Governance.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var assembly = Path.Combine(directory.FullName, "api", "bin", configuration, "net10.0", "Governance.Api.dll");
        Assert.True(File.Exists(assembly), $"{assembly} is not built");
        return assembly;
    }
}
