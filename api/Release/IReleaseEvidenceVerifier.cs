namespace Governance.Api.Release;

/// <summary>Verifies the three evidence types (sev-snp, azure-cvm, maa-token).</summary>
public interface IReleaseEvidenceVerifier
{
    /// <summary>The verified evidence, or the failures (format, signature, chain) that stop it being trusted.</summary>
    Task<(VerifiedEvidence? Evidence, IReadOnlyList<ReleaseFailure> Failures)> VerifyAsync(ReleaseEvidence evidence, CancellationToken cancellationToken);
}
