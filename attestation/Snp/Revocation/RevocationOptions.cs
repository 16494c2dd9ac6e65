namespace Governance.Attestation.Snp.Revocation;

/// <summary>How <see cref="RevocationChecker"/> obtains and judges AMD's CRLs.</summary>
public sealed record RevocationOptions
{
    /// <summary>Never fetch a CRL: only the ones stored before are used (and judged by their nextUpdate).</summary>
    public bool Offline { get; init; }

    /// <summary>What to do when no fresh CRL can be had.</summary>
    public StaleRevocationListPolicy WhenStale { get; init; } = StaleRevocationListPolicy.Refuse;

    /// <summary>
    /// Also check chains that end at an explicitly configured extra root (development, tests). Off by default: such a
    /// root has no CRL at AMD's key distribution service.
    /// </summary>
    public bool CheckExtraRoots { get; init; }

    /// <summary>After a failed fetch, how long verifications use what is known before the service is asked again.</summary>
    public TimeSpan RetryAfterFailure { get; init; } = TimeSpan.FromMinutes(5);
}
