namespace Governance.Api.Hosting;

/// <summary>Hands out the evidence verifier to use for the next piece of evidence.</summary>
public interface IEvidenceVerifierProvider
{
    EvidenceVerifier Current { get; }
}
