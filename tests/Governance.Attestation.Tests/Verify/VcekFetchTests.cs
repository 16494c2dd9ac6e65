using System.Collections.Concurrent;
using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Snp.Verify;
using Governance.Attestation.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Attestation.Tests.Verify;

public sealed class VcekFetchTests
{
    [Fact]
    public async Task Missing_VCEK_is_fetched_from_the_KDS_by_chip_id_and_reported_TCB_then_cached()
    {
        var vector = Vector.Load("msteeav-aci-milan");
        var report = AttestationReport.Parse(vector.Report);
        var der = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(vector.Certificate)).RawData;
        using var kds = new LoopbackServer();
        var path = $"/vcek/v1/Milan/{Convert.ToHexStringLower(report.ChipId)}?blSPL=04&teeSPL=00&snpSPL=24&ucodeSPL=219";
        kds.Map(path, der);
        using var http = new HttpClient();
        var durable = new DictionaryEndorsementCache();
        var source = new CachingVcekSource(new KdsVcekSource(http, new KdsOptions { BaseAddress = kds.BaseAddress }), durable);
        var verifier = new EvidenceVerifier(new EvidenceVerifierOptions(), new FakeTimeProvider(vector.ValidAt), source);

        var claims = await verifier.VerifyAsync(new SnpEvidence(vector.Report, null), default);
        await verifier.VerifyAsync(new SnpEvidence(vector.Report, null), default);

        Assert.Equal(vector.Facts["measurement"], Convert.ToHexStringLower(claims.Measurement));
        Assert.Equal([path], kds.Requests.ToArray());
        Assert.Single(durable.Values);

        // A fresh process with only the durable cache works offline of the KDS.
        var offline = new EvidenceVerifier(new EvidenceVerifierOptions(), new FakeTimeProvider(vector.ValidAt), new CachingVcekSource(null, durable));
        await offline.VerifyAsync(new SnpEvidence(vector.Report, null), default);
    }

    [Fact]
    public async Task Offline_mode_never_calls_the_source()
    {
        var vector = Vector.Load("msteeav-aci-milan");
        using var kds = new LoopbackServer();
        using var http = new HttpClient();
        var verifier = new EvidenceVerifier(new EvidenceVerifierOptions { Snp = new SnpVerificationOptions { Offline = true } }, new FakeTimeProvider(vector.ValidAt), new KdsVcekSource(http, new KdsOptions { BaseAddress = kds.BaseAddress }));
        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() => verifier.VerifyAsync(new SnpEvidence(vector.Report, null), default));
        Assert.Equal(AttestationFailureReason.EndorsementKeyUnavailable, error.Reason);
        Assert.Empty(kds.Requests);
    }

    [Fact]
    public async Task Unknown_VCEK_at_the_KDS_is_reported_as_unavailable()
    {
        var vector = Vector.Load("msteeav-aci-milan");
        using var kds = new LoopbackServer();
        using var http = new HttpClient();
        var verifier = new EvidenceVerifier(new EvidenceVerifierOptions(), new FakeTimeProvider(vector.ValidAt), new KdsVcekSource(http, new KdsOptions { BaseAddress = kds.BaseAddress }));
        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() => verifier.VerifyAsync(new SnpEvidence(vector.Report, null), default));
        Assert.Equal(AttestationFailureReason.EndorsementKeyUnavailable, error.Reason);
        Assert.Single(kds.Requests);
    }

    [Fact]
    public async Task An_unreachable_KDS_is_reported_without_the_services_network_details()
    {
        var vector = Vector.Load("msteeav-aci-milan");
        using var http = new HttpClient();
        var verifier = new EvidenceVerifier(new EvidenceVerifierOptions(), new FakeTimeProvider(vector.ValidAt),
            new KdsVcekSource(http, new KdsOptions { BaseAddress = new Uri("http://127.0.0.1:1/") }));

        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() => verifier.VerifyAsync(new SnpEvidence(vector.Report, null), default));

        Assert.Equal(AttestationFailureReason.EndorsementKeyUnavailable, error.Reason);
        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Each anonymous request naming a chip the KDS does not know used to make the service ask the KDS again.</summary>
    [Fact]
    public async Task A_chip_the_KDS_does_not_know_is_asked_about_once_until_the_miss_is_forgotten()
    {
        var vector = Vector.Load("msteeav-aci-milan");
        var time = new FakeTimeProvider(vector.ValidAt);
        using var kds = new LoopbackServer();
        using var http = new HttpClient();
        var source = new CachingVcekSource(new KdsVcekSource(http, new KdsOptions { BaseAddress = kds.BaseAddress }), limits: new VcekFetchLimits(), time: time);
        var verifier = new EvidenceVerifier(new EvidenceVerifierOptions(), time, source);

        for (var i = 0; i < 5; i++)
        {
            var error = await Assert.ThrowsAsync<AttestationVerificationException>(() => verifier.VerifyAsync(new SnpEvidence(vector.Report, null), default));
            Assert.Equal(AttestationFailureReason.EndorsementKeyUnavailable, error.Reason);
        }

        Assert.Single(kds.Requests);
        time.Advance(new VcekFetchLimits().MissRememberedFor + TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<AttestationVerificationException>(() => verifier.VerifyAsync(new SnpEvidence(vector.Report, null), default));
        Assert.Equal(2, kds.Requests.Count);
    }

    /// <summary>Reports naming ever new chips share one budget of fetches, refilled over time.</summary>
    [Fact]
    public async Task Fetches_for_many_chips_stop_at_the_budget_and_resume_as_it_refills()
    {
        var vector = Vector.Load("msteeav-aci-milan");
        var time = new FakeTimeProvider(vector.ValidAt);
        using var kds = new LoopbackServer();
        using var http = new HttpClient();
        var source = new CachingVcekSource(new KdsVcekSource(http, new KdsOptions { BaseAddress = kds.BaseAddress }), limits: new VcekFetchLimits { FetchesPerMinute = 3 }, time: time);
        var verifier = new EvidenceVerifier(new EvidenceVerifierOptions(), time, source);
        byte[] ForChip(int chip)
        {
            var report = (byte[])vector.Report.Clone();
            // CHIP_ID, at 0x1A0 for 64 bytes: each report names a chip not asked about before.
            BitConverter.GetBytes(chip + 1).CopyTo(report, 0x1A0);
            return report;
        }

        for (var chip = 0; chip < 3; chip++)
        {
            await Assert.ThrowsAsync<AttestationVerificationException>(() => verifier.VerifyAsync(new SnpEvidence(ForChip(chip), null), default));
        }

        var refused = await Assert.ThrowsAsync<AttestationVerificationException>(() => verifier.VerifyAsync(new SnpEvidence(ForChip(3), null), default));
        Assert.Equal(AttestationFailureReason.EndorsementKeyUnavailable, refused.Reason);
        Assert.Contains("as many as it allows", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, kds.Requests.Count);

        time.Advance(TimeSpan.FromSeconds(20));
        await Assert.ThrowsAsync<AttestationVerificationException>(() => verifier.VerifyAsync(new SnpEvidence(ForChip(4), null), default));
        Assert.Equal(4, kds.Requests.Count);
    }

    [Fact]
    public void Request_uris_follow_AMD_KDS_and_Azure_cache_conventions()
    {
        var turinChip = new byte[64];
        turinChip[0] = 0x59;
        var tcb = new TcbVersion(0x5100000004010101);
        var amd = new KdsVcekSource(new HttpClient(), new KdsOptions()).RequestUri(new VcekRequest(SnpProduct.Turin, turinChip, tcb));
        Assert.Equal("https://kdsintf.amd.com/vcek/v1/Turin/5900000000000000?blSPL=01&teeSPL=01&snpSPL=04&ucodeSPL=81&fmcSPL=01", amd.AbsoluteUri);

        var azure = new KdsVcekSource(new HttpClient(), new KdsOptions { Provider = KdsProvider.AzureCertificateCache }).RequestUri(new VcekRequest(SnpProduct.Milan, new byte[64], new TcbVersion(0xDB18000000000004)));
        Assert.StartsWith("https://global.acccache.azure.net/SevSnpVM/certificates/" + new string('0', 128) + "/db18000000000004?api-version=", azure.AbsoluteUri, StringComparison.Ordinal);
    }

    private sealed class DictionaryEndorsementCache : IEndorsementCache
    {
        public ConcurrentDictionary<string, byte[]> Values { get; } = new();

        public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
            Task.FromResult(Values.TryGetValue(key, out var value) ? value : null);

        public Task SetAsync(string key, byte[] value, CancellationToken cancellationToken)
        {
            Values[key] = value;
            return Task.CompletedTask;
        }
    }
}
