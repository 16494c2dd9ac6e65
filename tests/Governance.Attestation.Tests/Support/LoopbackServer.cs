using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Governance.Attestation.Tests.Support;

/// <summary>A real HTTP server on 127.0.0.1 answering fixed bodies by path (and counting requests).</summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, (int Status, byte[] Body, string ContentType)> _routes = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public LoopbackServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseAddress.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<string> Requests { get; } = new();

    public void Map(string pathAndQuery, byte[] body, int status = 200, string contentType = "application/octet-stream") =>
        _routes[pathAndQuery] = (status, body, contentType);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with an exception when the listener closes.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var path = context.Request.Url!.PathAndQuery;
            Requests.Enqueue(path);
            var (status, body, contentType) = _routes.TryGetValue(path, out var route) ? route : (404, [], "text/plain");
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
