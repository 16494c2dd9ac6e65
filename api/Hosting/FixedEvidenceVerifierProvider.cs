namespace Governance.Api.Hosting;

/// <summary>The production case: one verifier, AMD's pinned roots plus any configured at start-up.</summary>
internal sealed class FixedEvidenceVerifierProvider(EvidenceVerifier verifier) : IEvidenceVerifierProvider
{
    public EvidenceVerifier Current => verifier;
}
