namespace Governance.GuestEvidence;

/// <summary>
/// A 32-byte key the platform derives for this VM alone: the same VM build on the same chip gets it again after a
/// restart, while the host, its operator and any other build do not. The caller owns the returned array and zeroes it
/// once it has used the key.
/// </summary>
public interface ISealingKeySource
{
    /// <summary>Where the key comes from, for logs and audit (e.g. "sev-guest").</summary>
    string Name { get; }

    /// <summary>The key. Throws <see cref="EvidenceUnavailableException"/> when the platform does not answer.</summary>
    Task<byte[]> GetSealingKeyAsync(CancellationToken cancellationToken);
}
