using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Governance.IntegrationTests.Infrastructure;

/// <summary>
/// Reads every response the service sends in a test (the first <see cref="MaxCapturedBytes"/> of each body) and keeps
/// those that name a .NET namespace: a caller must never learn the service's type or member names. The factory fails
/// its disposal when any was seen, so every integration test checks this for free.
/// </summary>
public sealed class ResponseBodyRecorder : IStartupFilter
{
    public const int MaxCapturedBytes = 1 << 20;

    private static readonly string[] DotNetNames = ["Governance.", "System."];

    private readonly ConcurrentQueue<string> leaks = new();

    /// <summary>"METHOD path status: excerpt" for each response that named a .NET namespace.</summary>
    public IReadOnlyCollection<string> Leaks => leaks;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var original = context.Response.Body;
            await using var tee = new TeeStream(original);
            context.Response.Body = tee;
            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                context.Response.Body = original;
                Inspect(context, tee.Captured);
            }
        });
        next(app);
    };

    private void Inspect(HttpContext context, byte[] body)
    {
        var type = context.Response.ContentType ?? "";
        // Swagger UI's own scripts and styles are third-party assets, not answers of this service.
        if (type.Contains("javascript", StringComparison.OrdinalIgnoreCase) || type.Contains("css", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var text = Encoding.UTF8.GetString(body);
        foreach (var name in DotNetNames)
        {
            var at = text.IndexOf(name, StringComparison.Ordinal);
            if (at >= 0)
            {
                var start = Math.Max(0, at - 80);
                leaks.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} {context.Response.StatusCode}: …{text[start..Math.Min(text.Length, at + 120)]}…");
            }
        }
    }

    /// <summary>Passes every write through and keeps a copy of the first bytes.</summary>
    private sealed class TeeStream(Stream inner) : Stream
    {
        private readonly MemoryStream copy = new();

        public byte[] Captured => copy.ToArray();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            var room = MaxCapturedBytes - (int)copy.Length;
            if (room > 0)
            {
                copy.Write(bytes[..Math.Min(room, bytes.Length)]);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                copy.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
