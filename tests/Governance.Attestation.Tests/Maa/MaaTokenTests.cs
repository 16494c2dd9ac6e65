using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Governance.Attestation.Maa;
using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Validate;
using Governance.Attestation.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Governance.Attestation.Tests.Maa;

public sealed class MaaTokenTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly LoopbackServer _provider = new();
    private readonly HttpClient _http = new();
    private readonly RSA _key = RSA.Create(2048);
    private readonly X509Certificate2 _certificate;
    private readonly FakeTimeProvider _clock = new(Now);

    public MaaTokenTests()
    {
        _certificate = new CertificateRequest("CN=attestation signer", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(Now.AddYears(-1), Now.AddYears(1));
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["kid"] = KeyId,
            ["x5c"] = new[] { Convert.ToBase64String(_certificate.RawData) },
        };
        _provider.Map("/certs", JsonSerializer.SerializeToUtf8Bytes(new { keys = new[] { jwk } }), contentType: "application/json");
    }

    private string Issuer => _provider.BaseAddress.AbsoluteUri.TrimEnd('/');

    private string KeyId => Convert.ToHexStringLower(SHA256.HashData(_certificate.RawData))[..16];

    [Fact]
    public async Task Valid_token_maps_SEV_SNP_claims_to_the_normalised_claims()
    {
        var claims = await Verifier().VerifyAsync(new MaaTokenEvidence(Mint(SnpClaims())), default);

        Assert.Equal(EvidenceKind.MaaToken, claims.EvidenceKind);
        Assert.Equal(Convert.FromHexString(new string('a', 96)), claims.Measurement);
        Assert.Equal(Convert.FromHexString(new string('b', 64)), claims.HostData);
        Assert.Equal(Convert.FromHexString(new string('c', 128)), claims.ReportData);
        Assert.Equal(3u, claims.GuestSvn);
        Assert.Equal(0u, claims.Vmpl);
        Assert.False(claims.Debuggable);
        Assert.Equal(219, claims.ReportedTcb!.Microcode);
        Assert.Equal("azure-compliant-uvm", claims.MaaComplianceStatus);
        Assert.Equal(Issuer, claims.MaaIssuer);
        Assert.Single(_provider.Requests);

        // Keys are cached: a second token costs no fetch.
        await Verifier().VerifyAsync(new MaaTokenEvidence(Mint(SnpClaims())), default);
    }

    [Fact]
    public async Task Signing_keys_are_fetched_once_and_cached()
    {
        var verifier = Verifier();
        await verifier.VerifyAsync(new MaaTokenEvidence(Mint(SnpClaims())), default);
        await verifier.VerifyAsync(new MaaTokenEvidence(Mint(SnpClaims())), default);
        Assert.Single(_provider.Requests);
    }

    [Fact]
    public async Task Rotated_provider_key_is_picked_up_by_a_rate_limited_refresh()
    {
        var verifier = Verifier();
        await verifier.VerifyAsync(new MaaTokenEvidence(Mint(SnpClaims())), default);

        using var newKey = RSA.Create(2048);
        using var newCertificate = new CertificateRequest("CN=rotated signer", newKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(Now.AddDays(-1), Now.AddYears(1));
        var jwk = new Dictionary<string, object> { ["kty"] = "RSA", ["kid"] = "rotated", ["x5c"] = new[] { Convert.ToBase64String(newCertificate.RawData) } };
        _provider.Map("/certs", JsonSerializer.SerializeToUtf8Bytes(new { keys = new[] { jwk } }), contentType: "application/json");
        var rotated = Mint(SnpClaims(), new SigningCredentials(new X509SecurityKey(newCertificate, "rotated"), SecurityAlgorithms.RsaSha256));

        // Within the refresh interval the cached (old) keys are kept, so the new token fails without a fetch.
        await Assert.ThrowsAsync<AttestationVerificationException>(() => verifier.VerifyAsync(new MaaTokenEvidence(rotated), default));
        Assert.Single(_provider.Requests);

        _clock.Advance(TimeSpan.FromMinutes(2));
        var claims = await verifier.VerifyAsync(new MaaTokenEvidence(Mint(SnpClaims(), new SigningCredentials(new X509SecurityKey(newCertificate, "rotated"), SecurityAlgorithms.RsaSha256), expires: Now.AddMinutes(20))), default);
        Assert.Equal(2, _provider.Requests.Count);
        Assert.Equal(Issuer, claims.MaaIssuer);
    }

    [Fact]
    public async Task CVM_token_claims_under_isolation_tee_are_mapped_and_runtime_user_data_exposed()
    {
        var userData = new string('d', 128);
        var payload = new Dictionary<string, object>
        {
            ["x-ms-attestation-type"] = "azurevm",
            ["x-ms-isolation-tee"] = SnpClaims(),
            ["x-ms-runtime"] = new Dictionary<string, object> { ["user-data"] = userData, ["keys"] = Array.Empty<object>() },
        };
        var claims = await Verifier().VerifyAsync(new MaaTokenEvidence(Mint(payload)), default);
        Assert.Equal(Convert.FromHexString(userData), claims.RuntimeUserData);
        Assert.Contains("user-data", claims.RuntimeJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_signed_by_another_key_fails_even_with_that_key_in_its_header()
    {
        using var attacker = RSA.Create(2048);
        var attackerKey = new RsaSecurityKey(attacker) { KeyId = KeyId };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(attacker.ExportParameters(false)));
        var token = Mint(SnpClaims(), new SigningCredentials(attackerKey, SecurityAlgorithms.RsaSha256), new Dictionary<string, object>
        {
            ["jwk"] = new Dictionary<string, object> { ["kty"] = "RSA", ["n"] = jwk.N, ["e"] = jwk.E },
            ["jku"] = "https://attacker.example/certs",
        });
        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() => Verifier().VerifyAsync(new MaaTokenEvidence(token), default));
        Assert.Equal(AttestationFailureReason.TokenInvalid, error.Reason);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public async Task A_token_with_bytes_that_are_not_base64url_is_refused_as_invalid(int segments)
    {
        // Found by the fuzz run: five segments read as an encrypted token, whose decoding threw a FormatException.
        var parts = Mint(SnpClaims()).Split('.');
        var token = segments == 5 ? $"{parts[0]}.{parts[1][..40]}\u0004\\6ow7.\u0017\u0092V5.{parts[2]}.x\u00f2" : $"{parts[0]}.{parts[1][..40]}\u0004\u0092.{parts[2]}";

        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() => Verifier().VerifyAsync(new MaaTokenEvidence(token), default));

        Assert.Equal(AttestationFailureReason.TokenInvalid, error.Reason);
    }

    [Fact]
    public async Task Alg_none_and_unexpected_algorithms_are_refused()
    {
        static string B64(object o) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(o));
        var payload = new Dictionary<string, object>(SnpClaims()) { ["iss"] = Issuer, ["exp"] = Now.AddMinutes(5).ToUnixTimeSeconds() };
        var none = $"{B64(new { alg = "none", typ = "JWT" })}.{B64(payload)}.";
        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() => Verifier().VerifyAsync(new MaaTokenEvidence(none), default));
        Assert.Equal(AttestationFailureReason.TokenInvalid, error.Reason);

        var hmac = Mint(SnpClaims(), new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256));
        var hmacError = await Assert.ThrowsAsync<AttestationVerificationException>(() => Verifier().VerifyAsync(new MaaTokenEvidence(hmac), default));
        Assert.Equal(AttestationFailureReason.TokenInvalid, hmacError.Reason);
        Assert.Empty(_provider.Requests);
    }

    [Fact]
    public async Task Expired_and_future_tokens_fail_while_skew_is_tolerated()
    {
        var expired = Mint(SnpClaims(), expires: Now.AddMinutes(-2));
        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() => Verifier().VerifyAsync(new MaaTokenEvidence(expired), default));
        Assert.Equal(AttestationFailureReason.TokenLifetimeInvalid, error.Reason);

        var future = Mint(SnpClaims(), notBefore: Now.AddMinutes(2), expires: Now.AddMinutes(10));
        var futureError = await Assert.ThrowsAsync<AttestationVerificationException>(() => Verifier().VerifyAsync(new MaaTokenEvidence(future), default));
        Assert.Equal(AttestationFailureReason.TokenLifetimeInvalid, futureError.Reason);

        var justExpired = Mint(SnpClaims(), expires: Now.AddSeconds(-30));
        await Verifier().VerifyAsync(new MaaTokenEvidence(justExpired), default);
    }

    [Fact]
    public async Task Token_from_an_unconfigured_issuer_is_refused_without_fetching_its_keys()
    {
        var token = Mint(SnpClaims(), issuer: "https://attacker.attest.azure.net");
        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() => Verifier().VerifyAsync(new MaaTokenEvidence(token), default));
        Assert.Equal(AttestationFailureReason.TokenIssuerUntrusted, error.Reason);
        Assert.Empty(_provider.Requests);
    }

    [Fact]
    public async Task Token_for_another_attestation_type_is_refused()
    {
        var payload = SnpClaims();
        payload["x-ms-attestation-type"] = "sgx";
        var error = await Assert.ThrowsAsync<AttestationVerificationException>(() => Verifier().VerifyAsync(new MaaTokenEvidence(Mint(payload)), default));
        Assert.Equal(AttestationFailureReason.TokenAttestationTypeUnsupported, error.Reason);
    }

    [Fact]
    public async Task The_same_policy_applies_to_token_claims()
    {
        var payload = SnpClaims();
        payload["x-ms-sevsnpvm-is-debuggable"] = true;
        var claims = await Verifier().VerifyAsync(new MaaTokenEvidence(Mint(payload)), default);
        var evaluation = AttestationPolicyEvaluator.Evaluate(claims, new AttestationPolicy
        {
            Measurements = [new string('a', 96)],
            MinimumTcb = new TcbMinimum { Microcode = 220 },
            TrustedAttestationProviders = [Issuer],
        });
        Assert.Equal(["minimum_tcb.microcode", "debug"], evaluation.Failures.Select(f => f.Rule));
    }

    [Fact]
    public async Task Garbage_tokens_fail_with_token_invalid()
    {
        foreach (var token in new[] { "", "a.b", "not a token", "a.b.c.d.e.f" })
        {
            var error = await Assert.ThrowsAsync<AttestationVerificationException>(() => Verifier().VerifyAsync(new MaaTokenEvidence(token), default));
            Assert.Equal(AttestationFailureReason.TokenInvalid, error.Reason);
        }
    }

    public void Dispose()
    {
        _provider.Dispose();
        _http.Dispose();
        _key.Dispose();
        _certificate.Dispose();
    }

    private EvidenceVerifier Verifier() =>
        new(new EvidenceVerifierOptions { Maa = new MaaOptions { TrustedProviders = [new Uri(Issuer)], ClockSkew = TimeSpan.FromMinutes(1) } }, _clock, maaHttpClient: _http);

    private static Dictionary<string, object> SnpClaims() => new()
    {
        ["x-ms-attestation-type"] = "sevsnpvm",
        ["x-ms-compliance-status"] = "azure-compliant-uvm",
        ["x-ms-sevsnpvm-launchmeasurement"] = new string('a', 96),
        ["x-ms-sevsnpvm-hostdata"] = new string('b', 64),
        ["x-ms-sevsnpvm-reportdata"] = new string('c', 128),
        ["x-ms-sevsnpvm-idkeydigest"] = new string('0', 96),
        ["x-ms-sevsnpvm-authorkeydigest"] = new string('0', 96),
        ["x-ms-sevsnpvm-familyId"] = new string('1', 32),
        ["x-ms-sevsnpvm-imageId"] = new string('2', 32),
        ["x-ms-sevsnpvm-guestsvn"] = 3,
        ["x-ms-sevsnpvm-vmpl"] = 0,
        ["x-ms-sevsnpvm-is-debuggable"] = false,
        ["x-ms-sevsnpvm-migration-allowed"] = false,
        ["x-ms-sevsnpvm-smt-allowed"] = true,
        ["x-ms-sevsnpvm-bootloader-svn"] = 4,
        ["x-ms-sevsnpvm-tee-svn"] = 0,
        ["x-ms-sevsnpvm-snpfw-svn"] = 24,
        ["x-ms-sevsnpvm-microcode-svn"] = 219,
    };

    private string Mint(Dictionary<string, object> claims, SigningCredentials? credentials = null, Dictionary<string, object>? header = null, string? issuer = null, DateTimeOffset? notBefore = null, DateTimeOffset? expires = null)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Claims = claims,
            IssuedAt = (notBefore ?? Now.AddMinutes(-1)).UtcDateTime,
            NotBefore = (notBefore ?? Now.AddMinutes(-1)).UtcDateTime,
            Expires = (expires ?? Now.AddMinutes(10)).UtcDateTime,
            SigningCredentials = credentials ?? new SigningCredentials(new X509SecurityKey(_certificate, KeyId), SecurityAlgorithms.RsaSha256),
            AdditionalHeaderClaims = header,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
