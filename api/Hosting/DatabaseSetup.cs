namespace Governance.Api.Hosting;

public static class DatabaseSetup
{
    /// <summary>
    /// Uses ConnectionStrings:Governance when set; otherwise starts a durable, password-protected local cluster of
    /// the machine's PostgreSQL binaries, so `dotnet run --project api` needs no set-up. The host's logging does not
    /// exist yet at this point, so the cluster's few lines go to the console directly.
    /// </summary>
    public static WebApplicationBuilder AddGovernanceDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.Section));
        var connectionString = builder.Configuration.GetConnectionString("Governance");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
            var folder = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, options.LocalDataDirectory, "postgres"));
            var cluster = LocalPostgresCluster.Start(folder, LocalClusterDurability.Durable, deleteOnDispose: false, Console.WriteLine);
            builder.Services.AddSingleton(cluster);
            builder.Services.AddHostedService<LocalPostgresLifetime>();
            EnsureDatabase(cluster, "governance");
            connectionString = cluster.ConnectionString("governance");
            Console.WriteLine($"Local PostgreSQL started in {folder} on 127.0.0.1:{cluster.Port} (durable; password authentication)");
        }

        builder.Services.AddGovernancePersistence(connectionString);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        await DatabaseMigrator.MigrateAsync(db, app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.AppRole);
    }

    /// <summary>
    /// The <c>migrate</c> command: applies migrations and returns without starting the service. The host never
    /// runs, so nothing else would stop the local cluster it may have started.
    /// </summary>
    public static async Task RunMigrateCommandAsync(this WebApplication app)
    {
        try
        {
            await app.MigrateDatabaseAsync();
            Console.WriteLine("Migrations applied.");
        }
        finally
        {
            StopLocalCluster(app);
        }
    }

    /// <summary>
    /// Migrates when configured to, then runs the start-up tasks other areas registered (genesis, keys). When one
    /// fails (a missing key-encryption key, a bad bootstrap file) the service does not start, and the local cluster
    /// it may have started is stopped rather than left running without it.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        try
        {
            var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (options.MigrateOnStartup)
            {
                await app.MigrateDatabaseAsync();
            }

            await using var scope = app.Services.CreateAsyncScope();
            foreach (var task in scope.ServiceProvider.GetServices<IStartupTask>())
            {
                await task.RunAsync(CancellationToken.None);
            }
        }
        catch
        {
            StopLocalCluster(app);
            throw;
        }
    }

    /// <summary>Stops the local cluster, if this service started one, when the host will not run to stop it.</summary>
    private static void StopLocalCluster(WebApplication app) => app.Services.GetService<LocalPostgresCluster>()?.Stop();

    private static void EnsureDatabase(LocalPostgresCluster cluster, string name)
    {
        using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString());
        connection.Open();
        using var exists = new Npgsql.NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (exists.ExecuteScalar() is null)
        {
            using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }
    }
}
