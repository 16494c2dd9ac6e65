namespace Governance.Api.Endpoints;

public static class HealthEndpoints
{
    /// <summary>
    /// /healthz answers while the process runs; /readyz only when PostgreSQL answers too (503 with Retry-After
    /// otherwise). Both answer JSON: the overall status and, for /readyz, each check's status, description and duration.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        // GET and HEAD only: probes read; any other method is 405 like everywhere else.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJsonAsync })
            .WithTags("Operations").AllowAnonymous().WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]));
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteJsonAsync })
            .WithTags("Operations").AllowAnonymous().WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]));
        return app;
    }

    private static async Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        if (report.Status != HealthStatus.Healthy)
        {
            var retryAfter = Math.Max(1, context.RequestServices.GetRequiredService<IOptions<DatabaseOptions>>().Value.UnavailableRetryAfterSeconds);
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", Name(report.Status));
        json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", Name(entry.Status));
            if (entry.Description is not null)
            {
                json.WriteString("description", entry.Description);
            }

            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
