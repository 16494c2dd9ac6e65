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
    public ServiceProvider Services { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("audit");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddGovernancePersistence(ConnectionString);
        services.Configure<SecretsOptions>(options => options.KeyEncryptionKeys.Add(
            new KeyEncryptionKeyOptions { Id = "audit-test", Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));
        Services = services.BuildServiceProvider();
        await using var scope = Services.CreateAsyncScope();
        await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<GovernanceDbContext>());
        await scope.ServiceProvider.GetRequiredService<GovernanceDbContext>().Database.ExecuteSqlRawAsync(
            "CREATE TABLE test_changes (id int PRIMARY KEY, note text NOT NULL)");
    }

    public async Task DisposeAsync() => await Services.DisposeAsync();
}
