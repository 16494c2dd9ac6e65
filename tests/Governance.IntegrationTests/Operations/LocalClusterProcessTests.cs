using System.Diagnostics;
using Governance.LocalPostgres;
using Governance.Testing;

namespace Governance.IntegrationTests.Operations;

/// <summary>
/// The service run as a process with no connection string, as a newcomer runs it: it starts a local cluster, and
/// whatever way it ends (the migrate command, a start-up failure) it stops that cluster. A start that fails says why
/// in one line on stderr and exits non-zero.
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
        var (exitCode, output, _) = await RunServiceAsync(new Dictionary<string, string?>(), "migrate");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Migrations applied.", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, "postgres", "data", "PG_VERSION")), "the local cluster was not created where configured");
        Assert.False(File.Exists(PidFile), "the local cluster is still running");

        // The service's cluster is the durable one: a password only its owner can read, and no connection trusted.
        var passwordFile = Path.Combine(root, "postgres", LocalPostgresCluster.PasswordFileName);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
        }

        Assert.DoesNotContain(File.ReadLines(Path.Combine(root, "postgres", "data", "pg_hba.conf")),
            line => !line.TrimStart().StartsWith('#') && line.Contains("trust", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_service_that_cannot_start_says_why_in_one_line_and_leaves_no_local_cluster_running()
    {
        // No key-encryption key is configured: the service must refuse to start.
        var (exitCode, _, error) = await RunServiceAsync(new Dictionary<string, string?>());

        Assert.NotEqual(0, exitCode);
        AssertOneLine(error, "No key-encryption key is configured");
        Assert.True(File.Exists(Path.Combine(root, "postgres", "data", "PG_VERSION")), "the local cluster was not created where configured");
        Assert.False(File.Exists(PidFile), "the local cluster is still running");
    }

    [Fact]
    public async Task A_key_encryption_key_that_does_not_open_the_signing_keys_is_named()
    {
        var database = await TestPostgres.CreateDatabaseAsync("kek");
        var first = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Governance"] = database,
            ["Secrets__KeyEncryptionKeys__0__Id"] = "kek-2026",
            ["Secrets__KeyEncryptionKeys__0__Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        await using (var service = ServiceProcess.Start(root, first))
        {
            await service.WaitUntilListeningAsync();
            await service.TerminateAsync();
        }

        // Same id, different key material: what happens when a key file is replaced by mistake.
        var second = new Dictionary<string, string?>(first)
        {
            ["Secrets__KeyEncryptionKeys__0__Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        var (exitCode, _, error) = await RunServiceAsync(second);

        Assert.NotEqual(0, exitCode);
        AssertOneLine(error, "was sealed by key-encryption key 'kek-2026'");
    }

    [Fact]
    public async Task A_database_that_does_not_answer_names_the_connection_string_setting()
    {
        var (exitCode, _, error) = await RunServiceAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Governance"] = "Host=127.0.0.1;Port=1;Username=governance;Password=x;Database=governance;Timeout=3",
            ["Secrets__KeyEncryptionKeys__0__Id"] = "k",
            ["Secrets__KeyEncryptionKeys__0__Key"] = Convert.ToBase64String(new byte[32]),
        });

        Assert.NotEqual(0, exitCode);
        AssertOneLine(error, "ConnectionStrings:Governance");
    }

    [Fact]
    public async Task An_address_in_use_names_the_setting_and_leaves_no_local_cluster_running()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var (exitCode, _, error) = await RunServiceAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{((System.Net.IPEndPoint)taken.LocalEndpoint).Port}",
            ["Secrets__KeyEncryptionKeys__0__Id"] = "k",
            ["Secrets__KeyEncryptionKeys__0__Key"] = Convert.ToBase64String(new byte[32]),
        });

        Assert.NotEqual(0, exitCode);
        AssertOneLine(error, "ASPNETCORE_URLS");
        Assert.False(File.Exists(PidFile), "the local cluster is still running");
    }

    /// <summary>One line on stderr naming the cause, without a stack trace or a .NET type name.</summary>
    private static void AssertOneLine(string error, string expected)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got:\n{error}");
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", lines[0], StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunServiceAsync(Dictionary<string, string?> environment, params string[] args)
    {
        environment["Database__LocalDataDirectory"] = root;
        await using var service = ServiceProcess.Start(root, environment, args);
        var exitCode = await service.WaitForExitAsync();
        // The exit event can precede the last redirected lines; give the readers a moment to drain.
        await Task.Delay(200);
        return (exitCode, service.StandardOutput + service.StandardError, service.StandardError);
    }
}
