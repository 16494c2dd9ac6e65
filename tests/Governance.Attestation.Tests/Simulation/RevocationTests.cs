using Governance.Attestation.Snp.Verify;
using Governance.Attestation.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Attestation.Tests.Simulation;

public sealed class RevocationTests
{
    private static EvidenceVerifier WithCrls(params byte[][] crls) =>
        new(new EvidenceVerifierOptions { Snp = new SnpVerificationOptions { Offline = true, ExtraTrustedRoots = [Platforms.Milan.TrustRoot], RevocationLists = crls } }, new FakeTimeProvider(Platforms.Now));

    [Fact]
    public async Task ASK_listed_on_the_ARK_signed_CRL_is_refused()
    {
        var platform = Platforms.Milan;
        var report = platform.SignReport(platform.NewReport());
        var crl = platform.IssueRevocationList(Platforms.Now.AddDays(-1), platform.Ask);

        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() => WithCrls(crl).VerifyAsync(new SnpEvidence(report, platform.Vcek.CertificatePem), default));
        Assert.Equal(AttestationFailureReason.CertificateRevoked, error.Reason);
    }

    [Fact]
    public async Task CRL_revoking_only_the_ASVK_leaves_VCEK_chains_valid()
    {
        var platform = Platforms.Milan;
        var report = platform.SignReport(platform.NewReport());
        var crl = platform.IssueRevocationList(Platforms.Now.AddDays(-1), platform.Asvk);
        await WithCrls(crl).VerifyAsync(new SnpEvidence(report, platform.Vcek.CertificatePem), default);
        Assert.Contains(RevocationList.SerialKey(platform.Asvk.SerialNumberBytes.Span), RevocationList.Parse(crl).RevokedSerials);
    }

    [Fact]
    public void CRL_not_signed_by_a_trusted_ARK_is_a_configuration_error()
    {
        var foreign = Platforms.OtherMilan.IssueRevocationList(Platforms.Now, Platforms.OtherMilan.Ask);
        Assert.Throws<ArgumentException>(() => WithCrls(foreign));
        Assert.Throws<ArgumentException>(() => WithCrls([0x30, 0x03, 0x02, 0x01, 0x00]));
    }
}
