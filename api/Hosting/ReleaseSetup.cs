using Microsoft.AspNetCore.Mvc;

namespace Governance.Api.Hosting;

public static class ReleaseSetup
{
    /// <summary>Name of the per-client-address rate limit on the challenge and release endpoints.</summary>
    public const string RateLimitPolicy = "release";

    public static WebApplicationBuilder AddGovernanceRelease(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ReleaseOptions.Section);
        builder.Services.Configure<ReleaseOptions>(section);
        builder.Services.AddGovernanceReleaseStores();
        builder.Services.AddReleaseServices();
        builder.Services.AddReleaseEvidenceVerifier();
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(RateLimitPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<ReleaseOptions>>().Value.RateLimit;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitLimit, Window = limits.Window, QueueLimit = 0 });
            });
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = "This address sent too many challenge or release requests; wait and retry.",
                    },
                });
            };
        });
        return builder;
    }
}
