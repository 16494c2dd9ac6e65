namespace Governance.Attestation.Snp.Verify;

/// <summary>How SEV-SNP evidence is verified.</summary>
public sealed record SnpVerificationOptions
{
    /// <summary>
    /// Roots trusted in addition to the pinned AMD roots (development and tests only, e.g. a
    /// <see cref="Simulation.SimulatedSnpPlatform"/>'s root). Empty by default.
    /// </summary>
    public IReadOnlyList<SnpTrustRoot> ExtraTrustedRoots { get; init; } = [];

    /// <summary>Never fetch a VCEK: evidence must carry its endorsement key.</summary>
    public bool Offline { get; init; }

    /// <summary>How many verified chains to keep (keyed by the VEK certificate's SHA-256).</summary>
    public int VerifiedChainCacheCapacity { get; init; } = 4096;
}
