using System.Net;
using System.Text.Json;
using Governance.Attestation.Snp.Simulation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.IntegrationTests.Agent.Azure;

/// <summary>
/// The Azure host's instance metadata THIM endpoint on loopback: the simulated platform's VCEK and its ASK/ARK chain
/// as the JSON Azure serves (vcekCert, certificateChain), only to requests that carry <c>Metadata: true</c>.
/// </summary>
internal sealed class LocalInstanceMetadata : IAsyncDisposable
{
    private WebApplication? app;

    public Uri Thim { get; private set; } = new("http://127.0.0.1/");

    public async Task StartAsync(SimulatedSnpPlatform platform)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        var body = JsonSerializer.Serialize(new
        {
            vcekCert = platform.Vcek.Certificate.ExportCertificatePem(),
            certificateChain = platform.Ask.ExportCertificatePem() + "\n" + platform.Ark.ExportCertificatePem(),
        });
        app.MapGet("/metadata/THIM/amd/certification", (HttpRequest request) =>
            request.Headers["Metadata"] == "true" ? Results.Text(body, "application/json") : Results.BadRequest());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Thim = new Uri(address.TrimEnd('/') + "/metadata/THIM/amd/certification");
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
