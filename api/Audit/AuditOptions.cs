namespace Governance.Api.Audit;

/// <summary>Configuration section <c>Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Origin line of checkpoints and key name of their signatures (a schema-less URL).</summary>
    public string Origin { get; set; } = "governance.local/audit";

    /// <summary>How often aggregated sign-in failures are written to the log.</summary>
    public TimeSpan SignInFailureFlushInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often each replica moves queued entries into the log (readers also catch up before they read).</summary>
    public TimeSpan SequencerInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often each replica re-hashes the newest entries and checks them against the tree and the signed heads.</summary>
    public TimeSpan IntegrityCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many of the newest entries each integrity check re-hashes (the newest signed heads' roots are recomputed over them).</summary>
    public int IntegrityCheckWindow { get; set; } = 10_000;
}
