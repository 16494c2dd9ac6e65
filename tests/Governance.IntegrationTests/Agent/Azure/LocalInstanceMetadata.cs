using System.Text.Json;
using Governance.Attestation.Snp.Simulation;
using Governance.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

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
        var body = JsonSerializer.Serialize(new
        {
            vcekCert = platform.Vcek.Certificate.ExportCertificatePem(),
            certificateChain = platform.Ask.ExportCertificatePem() + "\n" + platform.Ark.ExportCertificatePem(),
        });
        (app, var address) = await LoopbackApp.StartAsync(routes => routes.MapGet("/metadata/THIM/amd/certification", (HttpRequest request) =>
            request.Headers["Metadata"] == "true" ? Results.Text(body, "application/json") : Results.BadRequest()));
        Thim = new Uri(address, "/metadata/THIM/amd/certification");
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
