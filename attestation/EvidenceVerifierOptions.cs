namespace Governance.Attestation;

/// <summary>Options of <see cref="EvidenceVerifier"/>.</summary>
public sealed record EvidenceVerifierOptions
{
    public SnpVerificationOptions Snp { get; init; } = new();

    public MaaOptions Maa { get; init; } = new();
}
