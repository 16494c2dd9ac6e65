namespace Governance.Api.Hosting;

/// <summary>
/// Turns what stopped the service from starting into one line an operator can act on: the failure's own message
/// (start-up code words its refusals to name the setting), or, for PostgreSQL that cannot be reached or refuses the
/// sign-in, the setting that points at it. Never a stack trace or a type name.
/// </summary>
public static class StartupFailure
{
    public static string Describe(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var cause = Unwrap(failure);
        var message = cause switch
        {
            PostgresException { SqlState: var state } postgres when state.StartsWith("28", StringComparison.Ordinal) || state.StartsWith("08", StringComparison.Ordinal) || state == PostgresErrorCodes.InvalidCatalogName =>
                $"PostgreSQL refused the connection: {postgres.MessageText} ({postgres.SqlState}). Check ConnectionStrings:Governance.",
            PostgresException postgres =>
                $"PostgreSQL refused a start-up statement: {postgres.MessageText} ({postgres.SqlState}).",
            NpgsqlException npgsql when Find<SocketException>(npgsql) is { } socket =>
                $"PostgreSQL does not answer ({socket.Message}). Start it, or check ConnectionStrings:Governance.",
            NpgsqlException npgsql when Find<TimeoutException>(npgsql) is not null =>
                $"PostgreSQL did not answer in time ({npgsql.Message}). Start it, or check ConnectionStrings:Governance.",
            NpgsqlException npgsql =>
                $"PostgreSQL could not be used: {npgsql.Message} Check ConnectionStrings:Governance.",
            IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException } =>
                $"{cause.Message} Choose another address with ASPNETCORE_URLS (or --urls), or stop what listens there.",
            _ => cause.Message,
        };
        return "The service did not start: " + string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>Wrappers (an aggregate, EF's "an exception was thrown" shells) are skipped down to the database error or the refusal.</summary>
    private static Exception Unwrap(Exception failure)
    {
        for (var current = failure; current is not null; current = current.InnerException)
        {
            if (current is NpgsqlException)
            {
                return current;
            }
        }

        return failure is AggregateException { InnerExceptions: [var single] } ? Unwrap(single) : failure;
    }

    private static T? Find<T>(Exception failure)
        where T : Exception
    {
        for (var current = failure.InnerException; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}
