using Governance.LocalPostgres;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Governance.Testing;

/// <summary>
/// One real PostgreSQL server per test process; each test class takes a fresh database on it.
/// Order: GOVERNANCE_TEST_POSTGRES (a connection string) when set; a Testcontainers container when a
/// Docker engine answers; otherwise a throwaway cluster of the machine's binaries, removed at exit, run with
/// <see cref="LocalClusterDurability.UnsafeFastForTests"/> (no fsync, trust authentication): its data is worthless after the run.
/// </summary>
public static class TestPostgres
{
    public const string ConnectionStringVariable = "GOVERNANCE_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Connection string of the server's maintenance database.</summary>
    public static Task<string> ServerConnectionStringAsync() => Server.Value;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var server = await Server.Value;
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static async Task<string> StartAsync()
    {
        var given = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        if (DockerAnswers())
        {
            try
            {
                var container = new PostgreSqlBuilder("postgres:15-alpine").Build();
                await container.StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
                return container.GetConnectionString();
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // A socket that does not answer like Docker: fall through to the local cluster.
            }
        }

        var folder = Path.Combine(Path.GetTempPath(), $"governance-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var cluster = LocalPostgresCluster.Start(folder, LocalClusterDurability.UnsafeFastForTests, deleteOnDispose: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return cluster.ConnectionString();
    }

    private static bool DockerAnswers()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")))
        {
            return true;
        }

        const string socket = "/var/run/docker.sock";
        if (!File.Exists(socket))
        {
            return false;
        }

        try
        {
            using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix,
                System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            probe.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(socket));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
