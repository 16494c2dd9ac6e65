namespace Governance.Client;

/// <summary>Where the service is and how patiently to retry when it asks the client to slow down.</summary>
public sealed class GovernanceClientOptions
{
    /// <summary>The service's base URL, e.g. <c>http://127.0.0.1:5080</c>.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Retries after a 429 or 503 (other failures are never retried: they are answers).</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>First back-off delay; doubles per attempt with jitter unless the service sends Retry-After.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Time limit of one attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);
}
