namespace Governance.Api.Release;

/// <summary>Configuration section <c>Release</c>.</summary>
public sealed class ReleaseOptions
{
    public const string Section = "Release";

    /// <summary>How long a challenge nonce is accepted.</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest release request body: evidence with certificates and a launch manifest fits easily.</summary>
    public long MaxRequestBytes { get; set; } = 512 * 1024;

    /// <summary>Requests per client address per window on the challenge and release endpoints.</summary>
    public ReleaseRateLimitOptions RateLimit { get; set; } = new();
}

public sealed class ReleaseRateLimitOptions
{
    public int PermitLimit { get; set; } = 60;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);
}
