namespace Governance.Api.Problems;

/// <summary>
/// Tells "PostgreSQL cannot be reached or is not accepting work right now" apart from every other failure, through
/// whatever wraps it (EF Core's DbUpdateException and retry shells, aggregates), so the caller gets 503 and a time to
/// come back rather than a 500 that reads like a bug. Only Npgsql's own exceptions count: a socket error or timeout
/// from elsewhere (an attestation provider, a key vault) says nothing about PostgreSQL.
/// </summary>
internal static class DatabaseUnavailable
{
    public static bool IsCause(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return IsUnavailableState(postgres.SqlState);
                case NpgsqlException npgsql:
                    // Npgsql calls a failure transient when the socket broke, the connect or the command timed out, or
                    // the pool had no connection to give within the timeout.
                    return npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException;
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Any(IsCause);
            }
        }

        return false;
    }

    /// <summary>
    /// Class 08 (connection exceptions), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting
    /// up, shutting down, in recovery), 53300 too_many_connections. Serialization failures and deadlocks are transient
    /// too, but they are answers about the request, handled where they occur, not about the server's availability.
    /// </summary>
    private static bool IsUnavailableState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections;
}
