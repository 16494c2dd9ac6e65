using Governance.Api.Problems;
using Governance.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Governance.IntegrationTests.Operations;

/// <summary>
/// Which real failures count as "PostgreSQL unavailable" (503 with Retry-After) and which do not: each exception here
/// comes from a real server or a real refused socket, not from a constructor.
/// </summary>
public sealed class DatabaseUnavailableTests
{
    [Fact]
    public async Task A_refused_connection_is_unavailability()
    {
        await using var connection = new NpgsqlConnection("Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x;Timeout=3;Pooling=false");
        var failure = await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());

        Assert.True(DatabaseUnavailable.IsCause(failure));
        Assert.True(DatabaseUnavailable.IsCause(new DbUpdateException("wrapped as EF Core wraps it", failure)));
        Assert.True(DatabaseUnavailable.IsCause(new InvalidOperationException("wrapped as EF Core's retry wraps it", failure)));
    }

    [Fact]
    public async Task A_connection_the_server_ends_is_unavailability()
    {
        var database = await TestPostgres.CreateDatabaseAsync("unavailable");
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(pg_backend_pid())", connection);

        // What a backend says when the server shuts down under it: 57P01, admin_shutdown.
        var failure = await Assert.ThrowsAsync<PostgresException>(() => terminate.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.AdminShutdown, failure.SqlState);
        Assert.True(DatabaseUnavailable.IsCause(failure));
    }

    [Fact]
    public async Task A_refusal_by_the_data_is_not_unavailability()
    {
        var database = await TestPostgres.CreateDatabaseAsync("unavailable");
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE TEMP TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (1)", connection);

        var failure = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.UniqueViolation, failure.SqlState);
        Assert.False(DatabaseUnavailable.IsCause(failure));
        Assert.False(DatabaseUnavailable.IsCause(new DbUpdateException("wrapped", failure)));
    }
}
