namespace Governance.Client.Http;

/// <summary>
/// The one retry policy of the SDK: back off and retry only when the service says it is overloaded or
/// rate-limiting (429, 503), honouring Retry-After. Every other status is a decision and is returned as is;
/// transport failures surface at once so that a CLI can tell "unreachable" apart quickly.
/// </summary>
public static class GovernanceResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, GovernanceClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome.Result?.StatusCode)),
            });
        }

        builder.AddTimeout(options.Timeout);
    }

    public static ResiliencePipeline<HttpResponseMessage> Build(GovernanceClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        Configure(builder, options);
        return builder.Build();
    }

    public static bool IsRetryable(HttpStatusCode? status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
}
