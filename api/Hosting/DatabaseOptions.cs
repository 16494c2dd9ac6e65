namespace Governance.Api.Hosting;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Apply pending migrations when the service starts. Turn off where migrations run as a separate step.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// The service's own PostgreSQL role, when migrations run as a separate owner role: each migration run grants it
    /// what the service needs and no more (see README, "Database protection"). Unset: no grants are made.
    /// </summary>
    public string? AppRole { get; set; }

    /// <summary>Where `dotnet run` keeps its local PostgreSQL cluster and dev files when no connection string is given.</summary>
    public string LocalDataDirectory { get; set; } = ".local";

    /// <summary>The Retry-After, in seconds, of a 503 answered while PostgreSQL does not answer (and of /readyz then).</summary>
    public int UnavailableRetryAfterSeconds { get; set; } = 5;
}
