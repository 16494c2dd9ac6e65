using System.Security.Cryptography;
using Governance.Persistence;
using Governance.Persistence.Secrets;
using Governance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Audit;

/// <summary>A fresh migrated database and the persistence services as the host registers them.</summary>
public sealed class AuditDatabase : IAsyncLifetime
{
    /// <summary>Seals the service signing keys; shared by every replica of the test run, as in production.</summary>
    private static readonly string KeyEncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public ServiceProvider Services { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("audit");
        Services = NewServices(ConnectionString);
        await using var scope = Services.CreateAsyncScope();
        await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<GovernanceDbContext>());
        await scope.ServiceProvider.GetRequiredService<GovernanceDbContext>().Database.ExecuteSqlRawAsync(
            "CREATE TABLE test_changes (id int PRIMARY KEY, note text NOT NULL)");
    }

    /// <summary>The services of one replica over <paramref name="connectionString"/>.</summary>
    public static ServiceProvider NewServices(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddGovernancePersistence(connectionString);
        services.Configure<SecretsOptions>(options => options.KeyEncryptionKeys.Add(new KeyEncryptionKeyOptions { Id = "audit-test", Key = KeyEncryptionKey }));
        return services.BuildServiceProvider();
    }

    public async Task DisposeAsync() => await Services.DisposeAsync();
}
