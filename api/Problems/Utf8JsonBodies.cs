namespace Governance.Api.Problems;

/// <summary>
/// JSON is UTF-8 (RFC 8259 §8.1). A body declared in another charset is refused with 415 before anything reads it:
/// the framework's reader threw on a charset it does not know, and that answered 500.
/// </summary>
internal static class Utf8JsonBodies
{
    public static WebApplication UseUtf8JsonBodies(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var contentType = context.Request.ContentType;
            if (!string.IsNullOrEmpty(contentType)
                && MediaTypeHeaderValue.TryParse(contentType, out var parsed)
                && parsed.CharSet is { Length: > 0 } charset
                && !string.Equals(charset.Trim('"'), "utf-8", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status415UnsupportedMediaType,
                        Title = "Unsupported charset",
                        Detail = "Request bodies are UTF-8; leave out the charset or give charset=utf-8.",
                    },
                });
                return;
            }

            await next(context);
        });
        return app;
    }
}
