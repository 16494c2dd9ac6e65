using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Attestation.Tests.Support;

/// <summary>
/// A real HTTP or HTTPS server on 127.0.0.1 answering fixed bodies by path and query (and counting requests), as a
/// key distribution service does. Over HTTPS it presents its own certificate, which only <see cref="CreateClient"/> trusts.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly ConcurrentDictionary<string, (int Status, byte[] Body, string ContentType)> _routes = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private readonly X509Certificate2? _certificate;

    public LoopbackServer(bool https = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (https)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            _certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (_certificate is not null)
            {
                listen.UseHttps(_certificate);
            }
        }));
        _app = builder.Build();
        _app.Run(ServeAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<string> Requests { get; } = new();

    public void Map(string pathAndQuery, byte[] body, int status = 200, string contentType = "application/octet-stream") =>
        _routes[pathAndQuery] = (status, body, contentType);

    /// <summary>A client that trusts this server's certificate and no other.</summary>
    public HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler();
        if (_certificate is { } certificate)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(certificate.GetCertHash(HashAlgorithmName.SHA256));
        }

        return new HttpClient(handler);
    }

    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
        _certificate?.Dispose();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value + context.Request.QueryString.Value;
        Requests.Enqueue(path);
        var (status, body, contentType) = _routes.TryGetValue(path, out var route) ? route : (404, [], "text/plain");
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }
}
