using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.IntegrationTests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a free port, for tests that stand in for an external service speaking its
/// own protocol: over HTTP, or over HTTPS with a self-signed certificate for 127.0.0.1 that only the test trusts.
/// </summary>
internal static class LoopbackApp
{
    /// <summary>A self-signed P-256 certificate for IP 127.0.0.1, valid a day either side of now, with its private key.</summary>
    public static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Starts an app with the routes <paramref name="map"/> adds; its address has no trailing slash.</summary>
    /// <param name="tls">The server certificate; null serves plain HTTP.</param>
    public static async Task<(WebApplication App, Uri Address)> StartAsync(Action<WebApplication> map, X509Certificate2? tls = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (tls is not null)
            {
                listen.UseHttps(tls);
            }
        }));
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address.TrimEnd('/')));
    }
}
