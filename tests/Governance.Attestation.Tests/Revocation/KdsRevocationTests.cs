using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Snp.Revocation;
using Governance.Attestation.Snp.Verify;
using Governance.Attestation.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Attestation.Tests.Revocation;

/// <summary>
/// AMD's CRLs fetched over HTTPS from a local endpoint that answers KDS's paths, signed by the simulated ARK. Each
/// test owns its checker, so nothing is shared but the platform.
/// </summary>
public sealed class KdsRevocationTests : IDisposable
{
    private const string VcekCrl = "/vcek/v1/Milan/crl";
    private const string VlekCrl = "/vlek/v1/Milan/crl";

    private readonly LoopbackServer _kds = new(https: true);
    private readonly HttpClient _http;
    private readonly FakeTimeProvider _clock = new(Platforms.Now);

    public KdsRevocationTests() => _http = _kds.CreateClient();

    private static Governance.Attestation.Snp.Simulation.SimulatedSnpPlatform Platform => Platforms.Milan;

    private EvidenceVerifier Verifier(StaleRevocationListPolicy whenStale = StaleRevocationListPolicy.Refuse, bool offline = false, RevocationChecker? checker = null) => new(
        new EvidenceVerifierOptions { Snp = new SnpVerificationOptions { Offline = true, ExtraTrustedRoots = [Platform.TrustRoot] } },
        _clock,
        revocation: checker ?? Checker(whenStale, offline));

    private RevocationChecker Checker(StaleRevocationListPolicy whenStale = StaleRevocationListPolicy.Refuse, bool offline = false) =>
        new(new RevocationOptions { CheckExtraRoots = true, WhenStale = whenStale, Offline = offline }, _clock, new KdsRevocationListSource(_http, _kds.BaseAddress));

    private static SnpEvidence Evidence() => new(Platform.SignReport(Platform.NewReport()), Platform.Vcek.CertificatePem);

    private static async Task<AttestationVerificationException> Refused(EvidenceVerifier verifier, SnpEvidence evidence) =>
        await Assert.ThrowsAsync<AttestationVerificationException>(() => verifier.VerifyAsync(evidence, default));

    [Fact]
    public async Task A_fresh_crl_that_lists_nothing_of_the_chain_is_fetched_once_over_https_and_the_report_verifies()
    {
        _kds.Map(VcekCrl, Platform.IssueRevocationList(Platforms.Now.AddDays(-1), Platform.Asvk));
        var verifier = Verifier();

        await verifier.VerifyAsync(Evidence(), default);
        await verifier.VerifyAsync(Evidence(), default);

        Assert.Equal([VcekCrl], _kds.Requests);
        Assert.Equal("https", _kds.BaseAddress.Scheme);
    }

    [Fact]
    public async Task An_ask_on_the_crl_is_refused_as_revoked()
    {
        _kds.Map(VcekCrl, Platform.IssueRevocationList(Platforms.Now.AddDays(-1), Platform.Ask));

        var error = await Refused(Verifier(), Evidence());

        Assert.Equal(AttestationFailureReason.CertificateRevoked, error.Reason);
        Assert.Equal("certificate_revoked", error.Code);
    }

    [Fact]
    public async Task A_chain_verified_before_its_ask_was_revoked_is_refused_once_the_next_crl_lists_it()
    {
        _kds.Map(VcekCrl, Platform.IssueRevocationList(Platforms.Now.AddDays(-1), Platforms.Now.AddDays(1)));
        var verifier = Verifier();
        await verifier.VerifyAsync(Evidence(), default);

        _clock.Advance(TimeSpan.FromDays(2));
        _kds.Map(VcekCrl, Platform.IssueRevocationList(Platforms.Now.AddDays(2), Platforms.Now.AddDays(9), Platform.Ask));
        var error = await Refused(verifier, Evidence());

        Assert.Equal(AttestationFailureReason.CertificateRevoked, error.Reason);
        Assert.Equal(2, _kds.Requests.Count);
    }

    [Fact]
    public async Task A_vlek_chain_is_checked_against_the_vlek_crl()
    {
        using var vlek = Platform.IssueVlek();
        var report = Platform.SignReport(Platform.NewReport() with { KeyInfo = KeyInfo.Create(SigningKeyKind.Vlek), ChipId = new byte[64] }, vlek);
        _kds.Map(VcekCrl, Platform.IssueRevocationList(Platforms.Now.AddDays(-1)));
        _kds.Map(VlekCrl, Platform.IssueRevocationList(Platforms.Now.AddDays(-1), Platform.Asvk));

        var error = await Refused(Verifier(), new SnpEvidence(report, Platform.CertificateTable(vlek)));

        Assert.Equal(AttestationFailureReason.CertificateRevoked, error.Reason);
        Assert.Equal([VlekCrl], _kds.Requests);
    }

    [Fact]
    public async Task A_crl_past_its_next_update_is_stale_refused_by_default_and_accepted_when_the_policy_says_so()
    {
        _kds.Map(VcekCrl, Platform.IssueRevocationList(Platforms.Now.AddDays(-40), Platforms.Now.AddDays(-10)));

        var error = await Refused(Verifier(), Evidence());
        var accepted = await Verifier(StaleRevocationListPolicy.Accept).VerifyAsync(Evidence(), default);

        Assert.Equal(AttestationFailureReason.RevocationListStale, error.Reason);
        Assert.Equal("revocation_list_stale", error.Code);
        Assert.Equal(Platform.Product, accepted.Product);
    }

    [Fact]
    public async Task A_stale_crl_that_lists_the_ask_is_refused_as_revoked_even_when_stale_crls_are_accepted()
    {
        _kds.Map(VcekCrl, Platform.IssueRevocationList(Platforms.Now.AddDays(-40), Platforms.Now.AddDays(-10), Platform.Ask));

        var error = await Refused(Verifier(StaleRevocationListPolicy.Accept), Evidence());

        Assert.Equal(AttestationFailureReason.CertificateRevoked, error.Reason);
    }

    [Fact]
    public async Task No_crl_at_the_service_is_stale_and_the_service_is_not_asked_again_before_the_retry_interval()
    {
        var verifier = Verifier();

        var first = await Refused(verifier, Evidence());
        var second = await Refused(verifier, Evidence());
        _clock.Advance(TimeSpan.FromMinutes(6));
        await Refused(verifier, Evidence());

        Assert.Equal(AttestationFailureReason.RevocationListStale, first.Reason);
        Assert.Equal(first.Message, second.Message);
        Assert.Equal([VcekCrl, VcekCrl], _kds.Requests);
    }

    [Fact]
    public async Task A_crl_signed_by_another_ark_is_not_used()
    {
        _kds.Map(VcekCrl, Platforms.OtherMilan.IssueRevocationList(Platforms.Now.AddDays(-1)));

        var error = await Refused(Verifier(), Evidence());

        Assert.Equal(AttestationFailureReason.RevocationListStale, error.Reason);
    }

    [Fact]
    public async Task An_older_crl_served_later_does_not_undo_a_revocation()
    {
        _kds.Map(VcekCrl, Platform.IssueRevocationList(Platforms.Now.AddDays(-1), Platforms.Now.AddDays(1), Platform.Ask));
        var verifier = Verifier(StaleRevocationListPolicy.Accept);
        Assert.Equal(AttestationFailureReason.CertificateRevoked, (await Refused(verifier, Evidence())).Reason);

        _clock.Advance(TimeSpan.FromDays(2));
        _kds.Map(VcekCrl, Platform.IssueRevocationList(Platforms.Now.AddDays(-5), Platforms.Now.AddDays(30)));

        Assert.Equal(AttestationFailureReason.CertificateRevoked, (await Refused(verifier, Evidence())).Reason);
    }

    [Fact]
    public async Task Offline_the_service_is_never_asked()
    {
        _kds.Map(VcekCrl, Platform.IssueRevocationList(Platforms.Now.AddDays(-1)));

        var error = await Refused(Verifier(offline: true), Evidence());

        Assert.Equal(AttestationFailureReason.RevocationListStale, error.Reason);
        Assert.Empty(_kds.Requests);
    }

    [Fact]
    public async Task Chains_to_an_extra_root_are_not_checked_unless_asked()
    {
        var checker = new RevocationChecker(new RevocationOptions(), _clock, new KdsRevocationListSource(_http, _kds.BaseAddress));

        await Verifier(checker: checker).VerifyAsync(Evidence(), default);

        Assert.Empty(_kds.Requests);
    }

    public void Dispose()
    {
        _http.Dispose();
        _kds.Dispose();
    }
}
