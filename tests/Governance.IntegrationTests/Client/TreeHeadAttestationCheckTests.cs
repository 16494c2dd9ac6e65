using System.Security.Cryptography;
using System.Text.Json;
using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Simulation;
using Governance.Client.Service;
using Governance.Protocol.Audit;
using Governance.Protocol.Service;

namespace Governance.IntegrationTests.Sdk;

/// <summary>
/// The offline proof that a tree head was signed inside an approved build, on crafted exports: a
/// <c>service.unsealed</c> entry vouches only when its report verifies, REPORT_DATA binds the keys it names, its
/// measurement is approved, and one of those keys is the head's and verifies its signature.
/// </summary>
public sealed class TreeHeadAttestationCheckTests : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<SimulatedSnpPlatform> SharedPlatform = new(() => SimulatedSnpPlatform.Create(SnpProduct.Milan));
    private readonly byte[] measurement = RandomNumberGenerator.GetBytes(48);
    private readonly ECDsa headKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private readonly ECDsa otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);

    private static SimulatedSnpPlatform Platform => SharedPlatform.Value;

    private string MeasurementHex => Convert.ToHexStringLower(measurement);

    private ServiceTrust Approving(params string[] measurements) => new(measurements.ToHashSet(StringComparer.Ordinal), [Platform.TrustRoot]);

    [Fact]
    public async Task Evidence_of_an_approved_build_binding_the_heads_key_vouches_for_it_and_names_its_entry()
    {
        var head = Head(headKey);
        var result = await CheckAsync([Entry(0, "member.added"), Unsealed(1, Evidence([headKey]))], head, Approving(MeasurementHex));

        Assert.True(result.Attested);
        var vouching = Assert.Single(result.Vouching);
        Assert.Equal(1, vouching.Sequence);
        Assert.Equal(MeasurementHex, vouching.Measurement);
        Assert.Empty(vouching.Failures);
        Assert.Equal(head.KeyId, result.HeadKeyId);
    }

    [Fact]
    public async Task Evidence_of_a_build_not_approved_does_not_vouch()
    {
        var result = await CheckAsync([Unsealed(0, Evidence([headKey]))], Head(headKey), Approving(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(48))));

        Assert.False(result.Attested);
        Assert.Equal(["measurement.unapproved"], Rules(result));
    }

    [Fact]
    public async Task Evidence_from_a_platform_outside_the_trusted_roots_does_not_vouch()
    {
        var untrusting = new ServiceTrust(new HashSet<string>([MeasurementHex], StringComparer.Ordinal), []);

        var result = await CheckAsync([Unsealed(0, Evidence([headKey]))], Head(headKey), untrusting);

        Assert.False(result.Attested);
        Assert.Equal(["evidence.unverified"], Rules(result));
        Assert.Null(result.Evidence[0].Measurement);
    }

    [Fact]
    public async Task Evidence_binding_other_signing_keys_does_not_vouch_for_the_head()
    {
        var result = await CheckAsync([Unsealed(0, Evidence([otherKey]))], Head(headKey), Approving(MeasurementHex));

        Assert.False(result.Attested);
        Assert.Equal(["head.key_not_bound"], Rules(result));
    }

    [Fact]
    public async Task A_signing_key_swapped_into_the_evidence_after_the_report_breaks_the_binding()
    {
        var evidence = Evidence([otherKey]);
        var forged = evidence with { Keys = evidence.Keys with { Signing = [Jwk(headKey)] } };

        var result = await CheckAsync([Unsealed(0, forged)], Head(headKey), Approving(MeasurementHex));

        Assert.False(result.Attested);
        Assert.Equal(["keys.unbound"], Rules(result));
    }

    [Fact]
    public async Task A_head_that_does_not_verify_under_the_attested_key_of_its_key_id_is_not_vouched_for()
    {
        var forgedHead = Head(headKey) with { Signature = Convert.ToBase64String(otherKey.SignData(Head(headKey).SignedBytes(), HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)) };

        var result = await CheckAsync([Unsealed(0, Evidence([headKey]))], forgedHead, Approving(MeasurementHex));

        Assert.False(result.Attested);
        Assert.Equal(["head.signature_unbound"], Rules(result));
    }

    [Fact]
    public async Task An_entry_without_readable_evidence_is_reported_malformed()
    {
        var entry = Entry(0, TreeHeadAttestationCheck.UnsealedAction, JsonSerializer.SerializeToElement(new { how = "sealed", evidence = "not an object" }, Json));

        var result = await CheckAsync([entry], Head(headKey), Approving(MeasurementHex));

        Assert.False(result.Attested);
        Assert.Equal(["evidence.malformed"], Rules(result));
    }

    [Fact]
    public async Task An_export_without_unsealed_entries_attests_nothing()
    {
        var result = await CheckAsync([Entry(0, "member.added"), Entry(1, "contract.proposed")], Head(headKey), Approving(MeasurementHex));

        Assert.False(result.Attested);
        Assert.Empty(result.Evidence);
    }

    [Fact]
    public async Task One_vouching_entry_suffices_and_the_others_are_reported()
    {
        var result = await CheckAsync(
            [Unsealed(0, Evidence([otherKey])), Unsealed(1, Evidence([otherKey, headKey]))], Head(headKey), Approving(MeasurementHex));

        Assert.True(result.Attested);
        Assert.Equal(1, Assert.Single(result.Vouching).Sequence);
        Assert.Equal("head.key_not_bound", Assert.Single(result.Evidence[0].Failures).Rule);
    }

    public void Dispose()
    {
        headKey.Dispose();
        otherKey.Dispose();
    }

    private static Task<TreeHeadAttestationResult> CheckAsync(IEnumerable<AuditEntryDto> entries, TreeHeadDto head, ServiceTrust trust) =>
        TreeHeadAttestationCheck.CheckAsync(entries, head, trust, TimeProvider.System, CancellationToken.None);

    private static string[] Rules(TreeHeadAttestationResult result) => [.. result.Evidence.SelectMany(e => e.Failures).Select(f => f.Rule)];

    private static ServiceJwk Jwk(ECDsa key) => ServiceJwk.FromPublicKey(key, DateTimeOffset.UnixEpoch);

    private static TreeHeadDto Head(ECDsa key)
    {
        var root = SHA256.HashData("crafted root"u8);
        var timestamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var kid = Jwk(key).Kid;
        var signature = key.SignData(TreeHeadDto.SignedBytes(2, root, timestamp, kid), HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new TreeHeadDto(2, Convert.ToBase64String(root), timestamp, kid, Convert.ToBase64String(signature));
    }

    private ServiceAttestation Evidence(ECDsa[] signing)
    {
        using var identity = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var transit = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var keys = new ServiceAttestedKeys(Jwk(identity), [.. signing.Select(Jwk)], Jwk(transit) with { Use = "enc" });
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var report = Platform.SignReport(Platform.NewReport() with { ReportData = ServiceReportData.Compute(keys, "1.0.0", "Crafted consortium", nonce), Measurement = measurement });
        return new ServiceAttestation(nonce, keys, "1.0.0", "Crafted consortium", Convert.ToBase64String(report), Convert.ToBase64String(Platform.CertificateTable()));
    }

    private static AuditEntryDto Unsealed(long sequence, ServiceAttestation evidence) =>
        Entry(sequence, TreeHeadAttestationCheck.UnsealedAction, JsonSerializer.SerializeToElement(new { keyEncryptionKey = "kek-1", how = "created", evidence }, Json));

    private static AuditEntryDto Entry(long sequence, string action, JsonElement? details = null) =>
        new(sequence, DateTimeOffset.UnixEpoch, "system", "system", action, [], "succeeded", details ?? JsonSerializer.SerializeToElement(new { }), null, "");
}
