using Governance.Persistence.LocalPostgres;
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
