using System.Security.Cryptography.X509Certificates;
using System.Text;
using Governance.Attestation;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Snp.Verify;
using Governance.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Attestation;

public sealed class EndorsementCacheTests : IClassFixture<EndorsementCacheTests.OfflineAttestationFactory>
{
    private readonly OfflineAttestationFactory _factory;

    public EndorsementCacheTests(OfflineAttestationFactory factory) => _factory = factory;

    [Fact]
    public async Task Offline_service_verifies_a_report_from_a_VCEK_stored_in_PostgreSQL()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "data", "snp", "msteeav-aci-milan");
        var report = await File.ReadAllBytesAsync(Path.Combine(directory, "report.bin"));
        using var vcek = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(await File.ReadAllBytesAsync(Path.Combine(directory, "vcek.pem"))));
        var parsed = AttestationReport.Parse(report);
        var verifier = _factory.Services.GetRequiredService<EvidenceVerifier>();

        var missing = await Assert.ThrowsAsync<AttestationVerificationException>(() => verifier.VerifyAsync(new SnpEvidence(report, null), default));
        Assert.Equal(AttestationFailureReason.EndorsementKeyUnavailable, missing.Reason);

        var cache = _factory.Services.GetRequiredService<IEndorsementCache>();
        var key = new VcekRequest(Governance.Attestation.Policy.SnpProduct.Milan, parsed.ChipId, parsed.ReportedTcb).CacheKey;
        await cache.SetAsync(key, vcek.RawData, default);
        await cache.SetAsync(key, [0x30, 0x00], default);
        Assert.Equal(vcek.RawData, await cache.GetAsync(key, default));

        var claims = await verifier.VerifyAsync(new SnpEvidence(report, null), default);
        Assert.Equal(parsed.Measurement, claims.Measurement);
    }

    public sealed class OfflineAttestationFactory : GovernanceApiFactory
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Settings["Attestation:Offline"] = "true";
            // This service never reaches AMD's key distribution service and holds no AMD CRL; what it tests is the VCEK store.
            Settings["Attestation:StaleRevocationLists"] = "Accept";
        }
    }
}
