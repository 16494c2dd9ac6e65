using Governance.Attestation.Snp.Verify;

namespace Governance.Attestation.Tests.Support;

public static class Verifiers
{
    /// <summary>An offline verifier trusting only the pinned AMD roots, with the clock at <paramref name="at"/>.</summary>
    public static EvidenceVerifier Offline(DateTimeOffset at, params SnpTrustRoot[] extraRoots) =>
        new(new EvidenceVerifierOptions { Snp = new SnpVerificationOptions { Offline = true, ExtraTrustedRoots = extraRoots } }, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(at));
}
