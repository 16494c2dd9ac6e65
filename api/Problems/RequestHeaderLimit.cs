using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Governance.Api.Problems;

/// <summary>
/// Answers request headers over <see cref="Limit"/> with a problem-details 431. Kestrel's own limit (which answers
/// 431 with an empty body, before any application code runs) is raised to <see cref="KestrelLimit"/>, so
/// headers between the two reach this check and get an RFC 9457 body with the request's trace id; beyond Kestrel's
/// limit Kestrel answers itself, and <see cref="ParserRefusalProblems"/> gives that answer its body.
/// </summary>
internal static class RequestHeaderLimit
{
    /// <summary>Kestrel's default total, kept as the limit callers see.</summary>
    public const int Limit = 32 * 1024;

    public const int KestrelLimit = 2 * Limit;

    public static WebApplicationBuilder AddRequestHeaderLimit(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestHeadersTotalSize = KestrelLimit);
        return builder;
    }

    public static WebApplication UseRequestHeaderLimit(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // Counted as on the wire: name, ": ", value, CRLF.
            long total = 0;
            foreach (var (name, values) in context.Request.Headers)
            {
                foreach (var value in values)
                {
                    total += name.Length + (value?.Length ?? 0) + 4;
                }
            }

            if (total > Limit)
            {
                throw new Microsoft.AspNetCore.Http.BadHttpRequestException(
                    $"The request headers total more than {Limit} bytes.", StatusCodes.Status431RequestHeaderFieldsTooLarge);
            }

            await next(context);
        });
        return app;
    }
}
