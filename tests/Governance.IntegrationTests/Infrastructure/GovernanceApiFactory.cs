using Governance.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Governance.IntegrationTests.Infrastructure;

/// <summary>
/// The real application on a fresh PostgreSQL database of its own. Tests add configuration (bootstrap
/// file, keys) through <see cref="Settings"/> before the first request.
/// </summary>
public class GovernanceApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public Dictionary<string, string?> Settings { get; } = new();

    public string ConnectionString { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("api");
        Settings["ConnectionStrings:Governance"] = ConnectionString;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(Settings));
        builder.UseSetting("ConnectionStrings:Governance", ConnectionString);
    }
}
