using Governance.Attestation.Policy;
using Governance.Domain.Release;
using Governance.Protocol.Release;

namespace Governance.Api.Release;

/// <summary>Verifies the three evidence types and evaluates a contract's attestation policy on the result.</summary>
public interface IReleaseEvidenceVerifier
{
    /// <summary>The verified evidence, or the failures (format, signature, chain) that stop it being trusted.</summary>
    Task<(VerifiedEvidence? Evidence, IReadOnlyList<ReleaseFailure> Failures)> VerifyAsync(ReleaseEvidence evidence, CancellationToken cancellationToken);

    /// <summary>Every policy rule the evidence breaks, as <c>policy.*</c> failures with expected and actual values.</summary>
    IReadOnlyList<ReleaseFailure> Evaluate(VerifiedEvidence evidence, AttestationPolicy policy);
}
