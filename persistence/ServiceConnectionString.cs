namespace Governance.Persistence;

/// <summary>What the service adds to the connection string it is given.</summary>
public static class ServiceConnectionString
{
    /// <summary>The default number of statements Npgsql prepares per connection.</summary>
    public const int AutoPreparedStatements = 64;

    /// <summary>
    /// Lets Npgsql prepare the statements the service repeats (every request runs the same few), so PostgreSQL
    /// parses and plans them once per connection; a connection string that sets Max Auto Prepare itself wins.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        // NpgsqlConnectionStringBuilder.ContainsKey answers whether a keyword exists, not whether it was given,
        // so the keys actually present are read with the generic builder.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = AutoPreparedStatements }.ConnectionString;
    }
}
