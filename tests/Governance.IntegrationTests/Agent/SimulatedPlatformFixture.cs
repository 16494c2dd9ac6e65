using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Simulation;

namespace Governance.IntegrationTests.Agent;

/// <summary>One simulated Milan platform shared by a test class (its RSA keys take a moment to make).</summary>
public sealed class SimulatedPlatformFixture : IDisposable
{
    public SimulatedSnpPlatform Platform { get; } = SimulatedSnpPlatform.Create(SnpProduct.Milan);

    public void Dispose() => Platform.Dispose();
}
