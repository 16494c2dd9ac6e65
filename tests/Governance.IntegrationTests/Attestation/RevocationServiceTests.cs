using Governance.Api.Release;
using Governance.Attestation;
using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Snp.Revocation;
using Governance.Attestation.Snp.Simulation;
using Governance.Attestation.Snp.Verify;
using Governance.Domain.Release;
using Governance.IntegrationTests.Infrastructure;
using Governance.Protocol.Release;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Attestation;

/// <summary>
/// The service checks each chain against AMD's CRL, fetched over HTTPS from a local endpoint on KDS's paths and kept
/// in PostgreSQL; the CRLs are signed by the simulated platform's ARK, which the service trusts as an extra root.
/// </summary>
public sealed class RevocationServiceTests : IClassFixture<RevocationServiceTests.RevocationFactory>
{
    private readonly RevocationFactory _factory;

    public RevocationServiceTests(RevocationFactory factory) => _factory = factory;

    private SimulatedSnpPlatform Platform => _factory.Platform;

    private static ReleaseEvidence Evidence(byte[] report, byte[] certificates) =>
        new(ReleaseEvidence.SevSnp, Convert.ToBase64String(report), Convert.ToBase64String(certificates));

    [Fact]
    public async Task A_revoked_ask_refuses_the_evidence_as_endorsement_revoked_and_the_crl_is_kept_in_postgresql()
    {
        var crl = Platform.IssueRevocationList(DateTimeOffset.UtcNow.AddDays(-1), Platform.Ask);
        _factory.Kds.Put("/vcek/v1/Milan/crl", crl);
        var verifier = _factory.Services.GetRequiredService<IReleaseEvidenceVerifier>();

        var (evidence, failures) = await verifier.VerifyAsync(Evidence(Platform.SignReport(Platform.NewReport()), Platform.Vcek.CertificatePem), default);

        Assert.Null(evidence);
        var failure = Assert.Single(failures);
        Assert.Equal((ReleaseRules.EndorsementRevoked, "certificate_revoked"), (failure.Rule, failure.Actual));
        var store = _factory.Services.GetRequiredService<IRevocationListStore>();
        var key = RevocationChecker.StoreKey(new RevocationListRequest(SnpProduct.Milan, SigningKeyKind.Vcek), Platform.TrustRoot);
        Assert.Equal(crl, await store.GetAsync(key, default));
    }

    [Fact]
    public async Task A_crl_kept_in_postgresql_answers_offline_and_is_replaced_only_by_a_later_one()
    {
        var store = _factory.Services.GetRequiredService<IRevocationListStore>();
        var key = RevocationChecker.StoreKey(new RevocationListRequest(SnpProduct.Milan, SigningKeyKind.Vlek), Platform.TrustRoot);
        var now = DateTimeOffset.UtcNow;
        var revoking = Platform.IssueRevocationList(now.AddDays(-1), Platform.Asvk);
        await store.PutAsync(key, revoking, now.AddDays(-1), now.AddDays(29), default);
        var older = Platform.IssueRevocationList(now.AddDays(-3));
        await store.PutAsync(key, older, now.AddDays(-3), now.AddDays(27), default);
        Assert.Equal(revoking, await store.GetAsync(key, default));

        using var offline = new RevocationChecker(new RevocationOptions { Offline = true, CheckExtraRoots = true }, TimeProvider.System, source: null, store);
        var verifier = new EvidenceVerifier(new EvidenceVerifierOptions { Snp = new SnpVerificationOptions { Offline = true, ExtraTrustedRoots = [Platform.TrustRoot] } }, TimeProvider.System, revocation: offline);
        using var vlek = Platform.IssueVlek();
        var report = Platform.SignReport(Platform.NewReport() with { KeyInfo = KeyInfo.Create(SigningKeyKind.Vlek), ChipId = new byte[64] }, vlek);

        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() => verifier.VerifyAsync(new SnpEvidence(report, Platform.CertificateTable(vlek)), default));

        Assert.Equal(AttestationFailureReason.CertificateRevoked, error.Reason);
    }

    [Fact]
    public async Task No_crl_for_the_chain_is_crl_stale()
    {
        var otherProduct = _factory.Turin;
        var verifier = _factory.Services.GetRequiredService<IReleaseEvidenceVerifier>();

        var (_, failures) = await verifier.VerifyAsync(Evidence(otherProduct.SignReport(otherProduct.NewReport()), otherProduct.Vcek.CertificatePem), default);

        var failure = Assert.Single(failures);
        Assert.Equal((ReleaseRules.CrlStale, "revocation_list_stale"), (failure.Rule, failure.Actual));
        Assert.Contains("/vcek/v1/Turin/crl", _factory.Kds.Requests);
    }

    public sealed class RevocationFactory : GovernanceApiFactory
    {
        private static readonly Lazy<SimulatedSnpPlatform> SharedMilan = new(() => SimulatedSnpPlatform.Create(SnpProduct.Milan));
        private static readonly Lazy<SimulatedSnpPlatform> SharedTurin = new(() => SimulatedSnpPlatform.Create(SnpProduct.Turin));
        private readonly string _milanRoots = Path.Combine(Path.GetTempPath(), $"governance-test-crl-milan-{Guid.NewGuid():N}.pem");
        private readonly string _turinRoots = Path.Combine(Path.GetTempPath(), $"governance-test-crl-turin-{Guid.NewGuid():N}.pem");

        public SimulatedSnpPlatform Platform => SharedMilan.Value;

        public SimulatedSnpPlatform Turin => SharedTurin.Value;

        public LocalKeyDistributionService Kds { get; } = new();

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await Kds.StartAsync();
            await File.WriteAllTextAsync(_milanRoots, Pem(Platform));
            await File.WriteAllTextAsync(_turinRoots, Pem(Turin));
            Settings["Attestation:ExtraTrustedRootFiles:0"] = _milanRoots;
            Settings["Attestation:ExtraTrustedRootFiles:1"] = _turinRoots;
            Settings["Attestation:CheckExtraRootRevocation"] = "true";
            Settings["Attestation:RevocationListBaseAddress"] = Kds.BaseAddress.AbsoluteUri;
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Kds.DisposeAsync();
            File.Delete(_milanRoots);
            File.Delete(_turinRoots);
        }

        private static string Pem(SimulatedSnpPlatform platform) =>
            string.Join('\n', platform.Ark.ExportCertificatePem(), platform.Ask.ExportCertificatePem(), platform.Asvk.ExportCertificatePem());

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
                services.AddHttpClient(nameof(KdsRevocationListSource)).ConfigurePrimaryHttpMessageHandler(Kds.CreateHandler));
        }
    }
}
