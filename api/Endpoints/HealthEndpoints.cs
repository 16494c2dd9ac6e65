using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Governance.Api.Endpoints;

public static class HealthEndpoints
{
    /// <summary>/healthz answers while the process runs; /readyz only when PostgreSQL answers too.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false })
            .WithTags("Operations").AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") })
            .WithTags("Operations").AllowAnonymous();
        return app;
    }
}
