namespace Governance.Attestation.Snp.Revocation;

/// <summary>What a verification does when no fresh CRL (one whose nextUpdate is still ahead) can be had.</summary>
public enum StaleRevocationListPolicy
{
    /// <summary>Refuse the evidence (<c>revocation_list_stale</c>): nothing released on a revocation state nobody can vouch for.</summary>
    Refuse,

    /// <summary>Check against the newest CRL known however old, or against none when none was ever obtained.</summary>
    Accept,
}
