using Governance.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Browser;

/// <summary>
/// The real service on Kestrel at a loopback port (a browser needs a real address), with its own PostgreSQL
/// database, and a headless Chromium to drive it.
/// </summary>
public class BrowserServiceFixture : GovernanceApiFactory
{
    public BrowserServiceFixture() => UseKestrel(0);

    public HeadlessChromium Chromium { get; } = new();

    /// <summary>The service's loopback address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + "/");
        }
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Chromium.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
