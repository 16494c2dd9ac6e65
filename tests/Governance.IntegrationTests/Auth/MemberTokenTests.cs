using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Governance.Domain.Members;
using Governance.IntegrationTests.Infrastructure;
using Governance.Persistence;
using Governance.Persistence.Members;
using Governance.Protocol.Members;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Governance.IntegrationTests.Auth;

public sealed class MemberTokenFixture : GovernanceApiFactory
{
    public MemberTokenFixture()
    {
        Alice = AddGenesisMember("alice", "member");
        Carol = AddGenesisMember("carol", "auditor");
        Oscar = AddGenesisMember("oscar", "operator");
        Keyring = AddGenesisMember("keyring", "member");
    }

    public TestMember Alice { get; }

    public TestMember Carol { get; }

    public TestMember Oscar { get; }

    /// <summary>Given more keys than a member may hold, as a member who registered them before the bound could have.</summary>
    public TestMember Keyring { get; }
}

public sealed class MemberTokenTests(MemberTokenFixture factory) : IClassFixture<MemberTokenFixture>
{
    private async Task<HttpResponseMessage> Me(string token)
    {
        using var client = factory.CreateClient(token);
        return await client.GetAsync("/members/me");
    }

    private async Task AssertRefused(string token, string? reason = null)
    {
        var body = await ProblemAssert.IsProblem(await Me(token), HttpStatusCode.Unauthorized);
        if (reason is not null)
        {
            Assert.Contains(reason, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    private async Task AssertAccepted(string token) => Assert.Equal(HttpStatusCode.OK, (await Me(token)).StatusCode);

    [Fact]
    public async Task A_member_signed_token_signs_in_as_that_member()
    {
        var response = await Me(factory.Alice.CreateToken());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<MemberResponse>();
        Assert.Equal("alice", me!.Id);
        Assert.Equal(["member"], me.Roles);
        Assert.Equal(factory.Alice.KeyId, Assert.Single(me.Keys).KeyId);
    }

    [Fact]
    public async Task A_token_without_kid_is_checked_against_each_active_key()
    {
        var response = await Me(SignedWithHeader(factory.Alice, """{"alg":"ES256","typ":"JWT"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_without_kid_is_checked_against_no_more_keys_than_a_member_may_hold()
    {
        var extra = Enumerable.Range(0, Member.MaxActiveKeys).Select(_ => ECDsa.Create(ECCurve.NamedCurves.nistP256)).ToList();
        try
        {
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
                var since = DateTimeOffset.UtcNow;
                foreach (var (key, i) in extra.Select((key, i) => (key, i)))
                {
                    var jwk = MemberPublicKey.FromEcdsa(key);
                    db.MemberKeys.Add(new MemberKeyRow { KeyId = jwk.KeyId, MemberId = factory.Keyring.Id, Algorithm = jwk.Algorithm, PublicJwk = jwk.Jwk, AddedAt = since.AddSeconds(i + 1) });
                }

                await db.SaveChangesAsync();
            }

            const string KidLess = """{"alg":"ES256","typ":"JWT"}""";
            var newest = extra[^1];
            await AssertRefused(SignedWithHeader(factory.Keyring, KidLess, newest), "kid");
            await AssertAccepted(SignedWithHeader(factory.Keyring, KidLess, factory.Keyring.PrivateKey));
            await AssertAccepted(factory.Keyring.CreateToken(signWith: newest));
        }
        finally
        {
            extra.ForEach(k => k.Dispose());
        }
    }

    [Fact]
    public Task A_token_whose_kid_names_none_of_the_members_keys_is_refused() =>
        AssertRefused(factory.Alice.CreateToken(keyId: "not-a-registered-kid"), "kid names none");

    [Fact]
    public async Task A_token_with_critical_header_extensions_is_refused()
    {
        await AssertRefused(SignedWithHeader(factory.Alice, $$"""{"alg":"ES256","kid":"{{factory.Alice.KeyId}}","crit":["exp-ext"],"exp-ext":1}"""), "crit");
        await AssertRefused(SignedWithHeader(factory.Alice, $$"""{"alg":"ES256","kid":"{{factory.Alice.KeyId}}","crit":[]}"""), "crit");
    }

    /// <summary>A valid member token signed by hand, so the test chooses the header byte for byte.</summary>
    private static string SignedWithHeader(TestMember member, string header) => SignedWithHeader(member, header, member.PrivateKey);

    private static string SignedWithHeader(TestMember member, string header, ECDsa key)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = $$"""{"iss":"{{member.Id}}","sub":"{{member.Id}}","aud":"governance","iat":{{now}},"nbf":{{now}},"exp":{{now + 300}}}""";
        var input = $"{Base64UrlEncoder.Encode(header)}.{Base64UrlEncoder.Encode(payload)}";
        var signature = key.SignData(System.Text.Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{input}.{Base64UrlEncoder.Encode(signature)}";
    }

    [Fact]
    public async Task No_token_is_401_with_problem_details()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/members/me");
        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public Task An_expired_token_is_refused() =>
        AssertRefused(factory.Alice.CreateToken(notBefore: DateTimeOffset.UtcNow.AddMinutes(-20)), "expired");

    [Fact]
    public Task A_token_not_valid_yet_is_refused() =>
        AssertRefused(factory.Alice.CreateToken(notBefore: DateTimeOffset.UtcNow.AddMinutes(5)), "not valid yet");

    [Fact]
    public Task A_token_living_longer_than_ten_minutes_is_refused() =>
        AssertRefused(factory.Alice.CreateToken(lifetime: TimeSpan.FromMinutes(11)), "longer than 10 minutes");

    [Fact]
    public Task A_token_issued_a_year_ahead_without_nbf_is_refused() =>
        AssertRefused(factory.Alice.CreateToken(notBefore: DateTimeOffset.UtcNow.AddDays(365), includeNotBefore: false), "iat lies in the future");

    [Fact]
    public Task A_token_issued_within_the_clock_skew_is_accepted() =>
        AssertAccepted(factory.Alice.CreateToken(notBefore: DateTimeOffset.UtcNow.AddSeconds(10)));

    [Fact]
    public Task A_token_without_nbf_or_iat_is_refused() =>
        AssertRefused(factory.Alice.CreateToken(includeNotBefore: false, includeIssuedAt: false), "neither iat nor nbf");

    [Fact]
    public Task A_token_for_another_audience_is_refused() =>
        AssertRefused(factory.Alice.CreateToken(audience: "someone-else"), "audience");

    [Fact]
    public async Task A_token_of_an_unknown_member_is_refused()
    {
        using var mallory = TestMember.Create("mallory");
        await AssertRefused(mallory.CreateToken(), "not an active member");
    }

    [Fact]
    public async Task A_token_signed_with_an_unregistered_key_is_refused()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await AssertRefused(factory.Alice.CreateToken(signWith: other, keyId: factory.Alice.KeyId), "signature");
    }

    [Fact]
    public Task A_token_whose_subject_is_not_its_issuer_is_refused() =>
        AssertRefused(factory.Alice.CreateToken(subject: "carol"), "sub must equal");

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        var parts = factory.Alice.CreateToken().Split('.');
        // Claim to be someone else in the payload while keeping alice's signature.
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"aud\":\"governance\"", "\"aud\":\"governance\",\"x\":1", StringComparison.Ordinal);
        await AssertRefused($"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}", "signature");

        var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
        signature[5] ^= 0x01;
        await AssertRefused($"{parts[0]}.{parts[1]}.{Base64UrlEncoder.Encode(signature)}", "signature");
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_refused()
    {
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "alice",
            Audience = "governance",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = "alice" },
        });
        Assert.Contains("\"none\"", Base64UrlEncoder.Decode(token.Split('.')[0]), StringComparison.Ordinal);
        await AssertRefused(token);
    }

    [Fact]
    public async Task An_HS256_token_keyed_with_the_members_public_key_is_refused()
    {
        var publicPem = factory.Alice.PrivateKey.ExportSubjectPublicKeyInfoPem();
        var jwk = factory.Alice.PublicJwk.GetRawText();
        foreach (var secret in new[] { publicPem, jwk })
        {
            var now = DateTime.UtcNow;
            var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = "alice",
                Audience = "governance",
                IssuedAt = now,
                NotBefore = now,
                Expires = now.AddMinutes(5),
                Claims = new Dictionary<string, object> { ["sub"] = "alice" },
                SigningCredentials = new SigningCredentials(
                    new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)) { KeyId = factory.Alice.KeyId }, SecurityAlgorithms.HmacSha256),
            });
            await AssertRefused(token);
        }
    }

    [Fact]
    public async Task A_token_claiming_ES384_for_a_P256_key_is_refused()
    {
        await AssertRefused(factory.Alice.CreateToken(algorithm: SecurityAlgorithms.EcdsaSha384));
    }

    [Fact]
    public Task Garbage_is_refused() => AssertRefused("not.a.jwt", "well-formed");

    [Fact]
    public async Task Roles_decide_403_or_200_on_operator_settings()
    {
        using var auditor = factory.CreateClient(factory.Carol);
        await ProblemAssert.IsProblem(await auditor.GetAsync("/settings"), HttpStatusCode.Forbidden);

        using var member = factory.CreateClient(factory.Alice);
        await ProblemAssert.IsProblem(await member.GetAsync("/settings"), HttpStatusCode.Forbidden);

        using var operatorClient = factory.CreateClient(factory.Oscar);
        var settings = await operatorClient.GetFromJsonAsync<SettingsResponse>("/settings");
        Assert.Equal("governance", settings!.TokenAudience);
        Assert.Equal(600, settings.MaxTokenLifetimeSeconds);
        Assert.Equal("majority", settings.MembershipQuorum);
        Assert.False(settings.AllowUnsignedApprovalsForExternalIdentities);
    }

    [Fact]
    public async Task Auditors_and_operators_cannot_propose()
    {
        foreach (var who in new[] { factory.Carol, factory.Oscar })
        {
            using var client = factory.CreateClient(who);
            var response = await client.PostAsJsonAsync("/proposals", new { kind = "removeMember", memberId = "alice" });
            await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden);
        }
    }
}
