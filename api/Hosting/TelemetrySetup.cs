namespace Governance.Api.Hosting;

public static class TelemetrySetup
{
    public const string ServiceName = "governance";

    /// <summary>
    /// Traces and metrics for HTTP, outgoing calls and PostgreSQL, exported over OTLP when
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set. Without it nothing is collected: recording spans nobody exports
    /// costs every request (and every database statement) for nothing, and a laptop run sends nothing anywhere.
    /// </summary>
    public static WebApplicationBuilder AddGovernanceTelemetry(this WebApplicationBuilder builder)
    {
        builder.Logging.AddSimpleConsole(options =>
        {
            options.IncludeScopes = true;
            options.SingleLine = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            options.UseUtcTimestamp = true;
        });

        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsql().AddSource(ServiceName)
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter(ServiceName)
                .AddOtlpExporter());
        return builder;
    }
}
