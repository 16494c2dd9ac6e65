namespace Governance.Api.Problems;

/// <summary>
/// Refuses a declared body larger than Kestrel:Limits:MaxRequestBodySize with 413 before anything reads
/// it, under any server (Kestrel enforces the same limit on undeclared, chunked bodies as they stream).
/// </summary>
internal static class RequestBodyLimit
{
    public const long DefaultLimit = 1024 * 1024;

    public static WebApplication UseRequestBodyLimit(this WebApplication app)
    {
        var limit = app.Configuration.GetValue<long?>("Kestrel:Limits:MaxRequestBodySize") ?? DefaultLimit;
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > limit)
            {
                throw new BadHttpRequestException(
                    $"The request body is larger than the limit of {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
            }

            await next(context);
        });
        return app;
    }
}
