using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Governance.Api.Problems;

/// <summary>
/// Gives a problem-details body to the answers Kestrel writes itself to a request it cannot parse (a NUL or other
/// invalid byte in the target, a request line over its limit (414), headers over its limit (431), a malformed
/// header). Kestrel answers those before any application code runs, with an empty body and <c>Connection: close</c>,
/// and offers no hook; this connection middleware recognises such an answer among the bytes Kestrel writes and
/// writes the same status and headers with an RFC 9457 body instead.
/// </summary>
internal static class ParserRefusalProblems
{
    public static WebApplicationBuilder AddParserRefusalProblems(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<KestrelServerOptions>(options => options.ConfigureEndpointDefaults(listen => listen.Use(next => async connection =>
        {
            var transport = connection.Transport;
            connection.Transport = new Transport(transport.Input, new Writer(transport.Output));
            try
            {
                await next(connection);
            }
            finally
            {
                connection.Transport = transport;
            }
        })));
        return builder;
    }

    private sealed class Transport(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    /// <summary>Passes every write through, except a bare refusal, which it replaces.</summary>
    private sealed class Writer(PipeWriter inner) : PipeWriter
    {
        private Memory<byte> lent;

        public override Memory<byte> GetMemory(int sizeHint = 0) => lent = inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public override void Advance(int bytes)
        {
            if (bytes > 0 && bytes <= lent.Length && BareRefusal.Rewrite(lent.Span[..bytes]) is { } replacement)
            {
                // The bytes Kestrel wrote stay unadvanced in the buffer it was lent; the replacement is written in their place.
                inner.Write(replacement);
                return;
            }

            inner.Advance(bytes);
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;
    }

    /// <summary>
    /// Recognises Kestrel's own refusal: a whole response head, status 4xx or 5xx, <c>Content-Length: 0</c>,
    /// <c>Connection: close</c>, no <c>Content-Type</c>. The service's own error answers always carry a body, and
    /// response bodies never hold raw CR LF here (JSON escapes them), so nothing else matches.
    /// </summary>
    internal static class BareRefusal
    {
        private const int MaxHeadLength = 1024;

        private static ReadOnlySpan<byte> Http11 => "HTTP/1.1 "u8;

        private static ReadOnlySpan<byte> EmptyBody => "\r\nContent-Length: 0\r\n"u8;

        private static ReadOnlySpan<byte> Close => "\r\nConnection: close\r\n"u8;

        private static ReadOnlySpan<byte> ContentType => "\r\nContent-Type:"u8;

        private static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

        /// <summary>The head with a problem body, or null when <paramref name="written"/> is not a bare refusal.</summary>
        public static byte[]? Rewrite(ReadOnlySpan<byte> written)
        {
            if (written.Length > MaxHeadLength || !written.StartsWith(Http11) || !written.EndsWith(EndOfHead)
                || written.IndexOf(EmptyBody) < 0 || written.IndexOf(Close) < 0 || written.IndexOf(ContentType) >= 0
                || written.Length < Http11.Length + 3 || !int.TryParse(written.Slice(Http11.Length, 3), out var status) || status is < 400 or > 599)
            {
                return null;
            }

            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                type = ProblemTypes.For(status),
                title = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
                status,
                detail = DetailOf(status),
            });
            var head = Encoding.ASCII.GetString(written[..^EndOfHead.Length]);
            var lines = head.Split("\r\n").Where(line => !line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            var rewritten = string.Join("\r\n", lines)
                + $"\r\nContent-Type: application/problem+json\r\nContent-Length: {body.Length}\r\n\r\n";
            return [.. Encoding.ASCII.GetBytes(rewritten), .. body];
        }

        private static string DetailOf(int status) => status switch
        {
            400 => "The request is not valid HTTP/1.1 (for example a control character in the target or a malformed header); the connection is closed.",
            408 => "The request headers did not arrive in time; the connection is closed.",
            414 => "The request line is longer than the server accepts; the connection is closed.",
            431 => $"The request headers total more than {RequestHeaderLimit.KestrelLimit} bytes; the connection is closed.",
            _ => "The server could not read the request; the connection is closed.",
        };
    }
}
