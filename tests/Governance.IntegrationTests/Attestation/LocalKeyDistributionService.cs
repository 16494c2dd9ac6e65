using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Governance.IntegrationTests.Attestation;

/// <summary>
/// A local stand-in for AMD's key distribution service over HTTPS: GET /vcek/v1/{Product}/crl and
/// /vlek/v1/{Product}/crl answer the DER CRL a test put there (404 otherwise), as the real service does. Its
/// certificate is self-signed; only <see cref="CreateHandler"/> trusts it.
/// </summary>
public sealed class LocalKeyDistributionService : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte[]> _documents = new(StringComparer.Ordinal);
    private readonly X509Certificate2 _certificate = Infrastructure.LoopbackApp.CreateCertificate();
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = new("https://127.0.0.1/");

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Serves <paramref name="der"/> at <paramref name="path"/> (e.g. <c>/vcek/v1/Milan/crl</c>).</summary>
    public void Put(string path, byte[] der) => _documents[path] = der;

    public async Task StartAsync()
    {
        (_app, var address) = await Infrastructure.LoopbackApp.StartAsync(routes =>
        {
            routes.MapGet("/vcek/v1/{product}/crl", Serve);
            routes.MapGet("/vlek/v1/{product}/crl", Serve);
        }, _certificate);
        BaseAddress = new Uri(address.AbsoluteUri.TrimEnd('/') + "/");
    }

    private IResult Serve(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        Requests.Enqueue(path);
        return _documents.TryGetValue(path, out var der) ? Results.Bytes(der, "application/pkix-crl") : Results.NotFound();
    }

    /// <summary>A handler that trusts this service's certificate and no other.</summary>
    public HttpMessageHandler CreateHandler()
    {
        var pinned = _certificate.GetCertHash(HashAlgorithmName.SHA256);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
            presented is not null && presented.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(pinned);
        return handler;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _certificate.Dispose();
    }
}
