using Governance.LocalPostgres;
using Npgsql;

namespace Governance.IntegrationTests.Operations;

/// <summary>The two kinds of local cluster, started directly: what each promises about durability and authentication.</summary>
public sealed class LocalClusterTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "governance-cluster-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_production_data_assembly_starts_no_clusters()
    {
        Assert.NotEqual(typeof(Persistence.GovernanceDbContext).Assembly, typeof(LocalPostgresCluster).Assembly);
        Assert.DoesNotContain(typeof(Persistence.GovernanceDbContext).Assembly.GetTypes(), t => t.Name.Contains("Postgres", StringComparison.Ordinal) && t.Name.Contains("Local", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_durable_cluster_syncs_its_commits_and_requires_its_password()
    {
        await using var cluster = LocalPostgresCluster.Start(root, LocalClusterDurability.Durable, deleteOnDispose: true);

        Assert.Equal(("on", "on", "on"), await SettingsAsync(cluster.ConnectionString()));
        var withoutPassword = new NpgsqlConnectionStringBuilder(cluster.ConnectionString()) { Password = null }.ConnectionString;
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => OpenAsync(withoutPassword));
        var overTcp = new NpgsqlConnectionStringBuilder(cluster.ConnectionString()) { Host = "127.0.0.1", Password = "not-the-password" }.ConnectionString;
        var refused = await Assert.ThrowsAsync<PostgresException>(() => OpenAsync(overTcp));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
    }

    [Fact]
    public async Task A_cluster_folder_in_use_is_not_taken_over()
    {
        await using var cluster = LocalPostgresCluster.Start(root, LocalClusterDurability.UnsafeFastForTests, deleteOnDispose: true);

        // The owner is alive: a second start must neither stop its postmaster nor start another on the same data.
        var refused = Assert.Throws<InvalidOperationException>(() => LocalPostgresCluster.Start(root, LocalClusterDurability.UnsafeFastForTests, deleteOnDispose: false));

        Assert.Contains("Database:LocalDataDirectory", refused.Message, StringComparison.Ordinal);
        Assert.Equal(("off", "off", "off"), await SettingsAsync(cluster.ConnectionString()));
    }

    [Fact]
    public async Task Lock_files_left_by_a_dead_postmaster_or_naming_another_process_do_not_stop_the_start()
    {
        var pidFile = Path.Combine(root, "data", "postmaster.pid");
        var first = LocalPostgresCluster.Start(root, LocalClusterDurability.UnsafeFastForTests, deleteOnDispose: false);
        var postmaster = int.Parse(File.ReadLines(pidFile).First(), System.Globalization.CultureInfo.InvariantCulture);
        var children = ChildrenOf(postmaster).ToList();
        using (var process = System.Diagnostics.Process.GetProcessById(postmaster))
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        // Its children notice the postmaster is gone and leave (until then they hold its shared memory, and PostgreSQL
        // would rightly refuse to start); then only the lock file remains, naming a dead pid.
        await WaitUntilAsync(() => children.All(child => !Directory.Exists($"/proc/{child}")));
        first.Stop();
        Assert.True(File.Exists(pidFile));
        var said = new List<string>();
        await using (var second = LocalPostgresCluster.Start(root, LocalClusterDurability.UnsafeFastForTests, deleteOnDispose: false, said.Add))
        {
            Assert.Equal(("off", "off", "off"), await SettingsAsync(second.ConnectionString()));
        }

        Assert.Empty(said);

        // A lock file naming a live process that is not a postmaster of this folder (a pid reused after a reboot).
        File.WriteAllLines(pidFile, [Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.Combine(root, "data")]);
        await using var third = LocalPostgresCluster.Start(root, LocalClusterDurability.UnsafeFastForTests, deleteOnDispose: true, said.Add);
        Assert.Equal(("off", "off", "off"), await SettingsAsync(third.ConnectionString()));
        Assert.Contains(said, line => line.Contains("which is not a PostgreSQL server of this folder", StringComparison.Ordinal));
    }

    /// <summary>Processes whose parent is <paramref name="pid"/>, from /proc/N/stat (the parent id follows the parenthesised name).</summary>
    private static IEnumerable<int> ChildrenOf(int pid) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(name => (Pid: int.Parse(name!, System.Globalization.CultureInfo.InvariantCulture), Stat: TryRead($"/proc/{name}/stat")))
            .Where(p => p.Stat.Length > 0 && p.Stat[(p.Stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var parent, ..]
                        && parent == pid.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(p => p.Pid);

    private static string TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "timed out");
    }

    [Fact]
    public async Task A_test_cluster_says_it_is_unsafe_and_trusts()
    {
        await using var cluster = LocalPostgresCluster.Start(root, LocalClusterDurability.UnsafeFastForTests, deleteOnDispose: true);

        Assert.Equal(("off", "off", "off"), await SettingsAsync(cluster.ConnectionString()));
        Assert.False(File.Exists(Path.Combine(root, LocalPostgresCluster.PasswordFileName)));
    }

    [Fact]
    public async Task A_cluster_made_with_trust_requires_a_password_from_its_next_durable_start()
    {
        // A cluster as earlier versions made them for the service: trust authentication.
        LocalPostgresCluster.Start(root, LocalClusterDurability.UnsafeFastForTests, deleteOnDispose: false).Stop();
        var said = new List<string>();

        await using var cluster = LocalPostgresCluster.Start(root, LocalClusterDurability.Durable, deleteOnDispose: true, said.Add);

        Assert.Contains(said, line => line.Contains("now requires the password", StringComparison.Ordinal));
        Assert.Equal(("on", "on", "on"), await SettingsAsync(cluster.ConnectionString()));
        var wrong = new NpgsqlConnectionStringBuilder(cluster.ConnectionString()) { Password = "not-the-password" }.ConnectionString;
        var refused = await Assert.ThrowsAsync<PostgresException>(() => OpenAsync(wrong));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
    }

    private static async Task OpenAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
    }

    private static async Task<(string Fsync, string SynchronousCommit, string FullPageWrites)> SettingsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetString(1), reader.GetString(2));
    }
}
