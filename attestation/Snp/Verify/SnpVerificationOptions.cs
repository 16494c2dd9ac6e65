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

    /// <summary>
    /// Cached ARK-signed CRLs (DER, as served at {kds}/vcek/v1/{Product}/crl). An ASK/ASVK whose serial is listed is
    /// refused. Each CRL must verify under a trusted ARK, or the verifier cannot be built. Empty: no revocation check.
    /// </summary>
    public IReadOnlyList<byte[]> RevocationLists { get; init; } = [];

    /// <summary>How many verified chains to keep (keyed by the VEK certificate's SHA-256).</summary>
    public int VerifiedChainCacheCapacity { get; init; } = 4096;
}
