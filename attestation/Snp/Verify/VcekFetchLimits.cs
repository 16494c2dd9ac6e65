namespace Governance.Attestation.Snp.Verify;

/// <summary>
/// How often evidence may make the service ask the key distribution service for a VCEK. Anyone may send evidence, and
/// a report names any chip it likes, so without these an anonymous caller could have the service query AMD (or
/// Azure's cache) on every request and get its address throttled there, which would stop genuine releases too.
/// </summary>
public sealed record VcekFetchLimits
{
    /// <summary>Fetches allowed per minute across all chips; beyond it evidence without its VCEK is refused until the budget refills.</summary>
    public int FetchesPerMinute { get; init; } = 60;

    /// <summary>How long a chip and TCB the service answered "no such VCEK" for is not asked about again.</summary>
    public TimeSpan MissRememberedFor { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a chip and TCB whose fetch failed (unreachable, an error status) is not asked about again.</summary>
    public TimeSpan FailureRememberedFor { get; init; } = TimeSpan.FromMinutes(1);
}
