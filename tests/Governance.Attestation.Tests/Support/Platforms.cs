using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Simulation;

namespace Governance.Attestation.Tests.Support;

/// <summary>Simulated platforms shared by all tests (RSA key generation is the slow part).</summary>
public static class Platforms
{
    private static readonly Lazy<SimulatedSnpPlatform> LazyMilan = new(() => SimulatedSnpPlatform.Create(SnpProduct.Milan));
    private static readonly Lazy<SimulatedSnpPlatform> LazyTurin = new(() => SimulatedSnpPlatform.Create(SnpProduct.Turin));
    private static readonly Lazy<SimulatedSnpPlatform> LazyOtherMilan = new(() => SimulatedSnpPlatform.Create(SnpProduct.Milan));

    public static SimulatedSnpPlatform Milan => LazyMilan.Value;

    public static SimulatedSnpPlatform Turin => LazyTurin.Value;

    /// <summary>A second, independent Milan platform (another root).</summary>
    public static SimulatedSnpPlatform OtherMilan => LazyOtherMilan.Value;

    public static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
}
