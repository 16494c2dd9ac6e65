using Governance.Client.Service;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Snp.Verify;
using Governance.IntegrationTests.Cli;
using Governance.IntegrationTests.Infrastructure;
using Governance.Protocol.Audit;
using Governance.Protocol.Service;

namespace Governance.IntegrationTests.Service;

/// <summary>
/// Confidential mode's first promise: the service attests itself, binding the keys it holds to fresh evidence that
/// anyone can check with `governance service verify`.
/// </summary>
public sealed class ServiceAttestationTests(ConfidentialServiceFixture service) : IClassFixture<ConfidentialServiceFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task The_evidence_binds_the_served_keys_build_consortium_and_nonce_and_the_signing_keys_are_those_published()
    {
        using var client = service.CreateClient();
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var served = (await client.GetFromJsonAsync<ServiceAttestation>($"/service/attestation?nonce={nonce}", Json))!;

        var report = AttestationReport.Parse(Convert.FromBase64String(served.Report));
        Assert.Equal(ServiceReportData.Compute(served.Keys, served.BuildVersion, served.Consortium, nonce), report.ReportData);
        Assert.Equal(service.Measurement, report.Measurement);
        Assert.Equal(nonce, served.Nonce);
        Assert.Equal("Test consortium", served.Consortium);
        var published = (await client.GetFromJsonAsync<ServiceJwkSet>("/keys", Json))!;
        Assert.Equal(published.Keys.Select(k => k.Kid), served.Keys.Signing.Select(k => k.Kid));
        Assert.Equal("P-384", served.Keys.Identity.Crv);
        Assert.Equal("enc", served.Keys.Transit.Use);
    }

    [Fact]
    public async Task Service_verify_trusts_the_service_when_its_measurement_is_approved()
    {
        using var cli = new CliRunner(service.Server.CreateHandler);
        var result = await cli.RunAsync("service", "verify", "--service", service.Server.BaseAddress.ToString(),
            "--measurement", service.MeasurementHex, "--extra-root", service.RootFile, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Out);
        Assert.True(document.RootElement.GetProperty("trusted").GetBoolean());
        Assert.Equal(service.MeasurementHex, document.RootElement.GetProperty("measurement").GetString());
        Assert.Equal(0, document.RootElement.GetProperty("failures").GetArrayLength());
    }

    [Fact]
    public async Task Service_verify_refuses_a_measurement_not_approved_and_reads_a_measurement_file()
    {
        using var cli = new CliRunner(service.Server.CreateHandler);
        var file = Path.Combine(cli.Directory, "approved.txt");
        await File.WriteAllTextAsync(file, "# the previous build only\n" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(48)) + "\n");

        var result = await cli.RunAsync("service", "verify", "--service", service.Server.BaseAddress.ToString(),
            "--measurement-file", file, "--extra-root", service.RootFile);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("measurement.unapproved", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_verify_does_not_trust_a_platform_outside_AMDs_roots()
    {
        using var cli = new CliRunner(service.Server.CreateHandler);
        var result = await cli.RunAsync("service", "verify", "--service", service.Server.BaseAddress.ToString(), "--measurement", service.MeasurementHex);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("evidence.unverified", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-hex")]
    [InlineData("")]
    [InlineData("abcd")]
    public async Task Service_verify_refuses_a_malformed_measurement_as_bad_input(string measurement)
    {
        using var cli = new CliRunner(service.Server.CreateHandler);
        var result = await cli.RunAsync("service", "verify", "--service", service.Server.BaseAddress.ToString(), "--measurement", measurement);
        Assert.True(result.ExitCode == 2, result.ToString());
    }

    [Fact]
    public async Task Evidence_for_another_nonce_is_stale()
    {
        var served = await AttestAsync();
        var result = await CheckAsync(served, sentNonce: Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        Assert.Contains(result.Failures, f => f.Rule == "nonce.stale");
    }

    [Fact]
    public async Task Keys_other_than_those_the_report_binds_are_refused()
    {
        var served = await AttestAsync();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var swapped = served with { Keys = served.Keys with { Identity = ServiceJwk.FromPublicKey(other, DateTimeOffset.UnixEpoch) } };

        var result = await CheckAsync(swapped, served.Nonce);

        Assert.Equal(["keys.unbound"], result.Failures.Select(f => f.Rule));
        Assert.Empty((await CheckAsync(served, served.Nonce)).Failures);
    }

    [Fact]
    public async Task The_sdk_fails_closed_unless_the_service_earns_the_trust_asked_for()
    {
        using var client = new Governance.Client.GovernanceClient(service.Server.BaseAddress, Governance.Client.Auth.AnonymousTokenProvider.Instance, service.Server.CreateHandler());
        var roots = new[] { SnpTrustRoot.FromPemBundle(File.ReadAllText(service.RootFile)) };

        var attested = await client.Service.RequireTrustedAsync(new ServiceTrust(new HashSet<string>(StringComparer.Ordinal) { service.MeasurementHex }, roots));
        Assert.Equal("Test consortium", attested.Consortium);

        var refused = await Assert.ThrowsAsync<ServiceNotTrustedException>(() =>
            client.Service.RequireTrustedAsync(new ServiceTrust(new HashSet<string>(StringComparer.Ordinal) { new string('0', 96) }, roots)));
        Assert.Equal(["measurement.unapproved"], refused.Result.Failures.Select(f => f.Rule));
        var unrooted = await Assert.ThrowsAsync<ServiceNotTrustedException>(() => client.Service.RequireTrustedAsync(new ServiceTrust([service.MeasurementHex])));
        Assert.Contains(unrooted.Result.Failures, f => f.Rule == "evidence.unverified");
    }

    [Fact]
    public async Task The_sdk_does_not_trust_a_service_outside_confidential_mode()
    {
        await using var plain = new GovernanceApiFactory();
        await plain.InitializeAsync();
        using var client = new Governance.Client.GovernanceClient(plain.Server.BaseAddress, Governance.Client.Auth.AnonymousTokenProvider.Instance, plain.Server.CreateHandler());
        var refused = await Assert.ThrowsAsync<ServiceNotTrustedException>(() => client.Service.RequireTrustedAsync(new ServiceTrust([new string('a', 96)])));
        Assert.Equal(["evidence.absent"], refused.Result.Failures.Select(f => f.Rule));
    }

    /// <summary>The refusal used to read "No recovery 'this service does not run in confidential mode' exists".</summary>
    [Fact]
    public async Task Outside_confidential_mode_a_recovery_share_is_a_404_that_says_why()
    {
        await using var plain = new GovernanceApiFactory();
        await plain.InitializeAsync();
        var member = plain.AddGenesisMember("alice");
        using var alice = plain.CreateClient(member);

        using var response = await alice.PostAsync("/service/recovery/shares", new StringContent("{\"share\":\"x.y.z.w.v\"}", System.Text.Encoding.UTF8, "application/json"));

        var body = await ProblemAssert.IsProblem(response, System.Net.HttpStatusCode.NotFound);
        Assert.Equal("This service does not run in confidential mode, so it takes no recovery shares.", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("zz")]
    [InlineData("00112233")]
    public async Task A_malformed_nonce_is_a_400_naming_it(string nonce)
    {
        using var client = service.CreateClient();
        var response = await client.GetAsync($"/service/attestation?nonce={nonce}");
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("nonce", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_confidential_mode_there_is_no_attestation()
    {
        await using var plain = new GovernanceApiFactory();
        await plain.InitializeAsync();
        using var client = plain.CreateClient();
        var response = await client.GetAsync("/service/attestation?nonce=" + new string('a', 64));
        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound);
    }

    private async Task<ServiceAttestation> AttestAsync()
    {
        using var client = service.CreateClient();
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return (await client.GetFromJsonAsync<ServiceAttestation>($"/service/attestation?nonce={nonce}", Json))!;
    }

    private Task<ServiceCheckResult> CheckAsync(ServiceAttestation served, string sentNonce) =>
        ServiceAttestationCheck.CheckAsync(served, sentNonce, new HashSet<string>(StringComparer.Ordinal) { service.MeasurementHex },
            [SnpTrustRoot.FromPemBundle(File.ReadAllText(service.RootFile))], TimeProvider.System, CancellationToken.None);
}
