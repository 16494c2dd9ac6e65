using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Governance.Api.Auth;
using Governance.IntegrationTests.Infrastructure;
using Governance.Protocol.Members;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Governance.IntegrationTests.Auth;

/// <summary>An external issuer configured by issuer and audience, its signing key set directly (no network).</summary>
public sealed class ExternalOidcFixture : GovernanceApiFactory
{
    public const string Issuer = "https://login.example.test/tenant/v2.0";
    public const string Audience = "api://governance";

    public ExternalOidcFixture()
    {
        Settings["Authentication:Oidc:Issuer"] = Issuer;
        Settings["Authentication:Oidc:Audience"] = Audience;
        Alice = AddGenesisMember("alice", "member");
        Alice.ExternalIdentities.Add((Issuer, "alice-object-id"));
        Bob = AddGenesisMember("bob", "member");
    }

    public RSA IdentityProviderKey { get; } = RSA.Create(2048);

    public TestMember Alice { get; }

    public TestMember Bob { get; }

    public string IdentityProviderToken(
        string subject, string audience = Audience, RSA? key = null, TimeSpan? lifetime = null, DateTime? issuedAt = null, bool includeNotBefore = true)
    {
        var now = issuedAt ?? DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = includeNotBefore ? now : null,
            Expires = now.Add(lifetime ?? TimeSpan.FromMinutes(60)),
            Claims = new Dictionary<string, object> { ["sub"] = subject },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? IdentityProviderKey) { KeyId = "idp-key" }, SecurityAlgorithms.RsaSha256),
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.PostConfigure<JwtBearerOptions>(AuthenticationSetup.OidcScheme, options =>
            options.TokenValidationParameters.IssuerSigningKey = new RsaSecurityKey(IdentityProviderKey) { KeyId = "idp-key" }));
    }
}

public sealed class ExternalOidcTests(ExternalOidcFixture factory) : IClassFixture<ExternalOidcFixture>
{
    [Fact]
    public async Task A_mapped_external_identity_signs_in_as_its_member()
    {
        using var client = factory.CreateClient(factory.IdentityProviderToken("alice-object-id"));
        var response = await client.GetAsync("/members/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<MemberResponse>();
        Assert.Equal("alice", me!.Id);
        Assert.Equal(ExternalOidcFixture.Issuer, Assert.Single(me.ExternalIdentities).Issuer);
    }

    [Fact]
    public async Task Member_tokens_keep_working_beside_the_external_issuer()
    {
        using var client = factory.CreateClient(factory.Bob);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/members/me")).StatusCode);
    }

    [Fact]
    public async Task An_unmapped_subject_is_refused()
    {
        using var client = factory.CreateClient(factory.IdentityProviderToken("stranger"));
        var body = await ProblemAssert.IsProblem(await client.GetAsync("/members/me"), HttpStatusCode.Unauthorized);
        Assert.Contains("not mapped", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_of_another_audience_or_key_is_refused()
    {
        using var wrongAudience = factory.CreateClient(factory.IdentityProviderToken("alice-object-id", audience: "api://other"));
        await ProblemAssert.IsProblem(await wrongAudience.GetAsync("/members/me"), HttpStatusCode.Unauthorized);

        using var forger = RSA.Create(2048);
        using var wrongKey = factory.CreateClient(factory.IdentityProviderToken("alice-object-id", key: forger));
        await ProblemAssert.IsProblem(await wrongKey.GetAsync("/members/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_that_claims_to_live_longer_than_the_configured_maximum_is_refused()
    {
        using var weeks = factory.CreateClient(factory.IdentityProviderToken("alice-object-id", lifetime: TimeSpan.FromDays(30)));
        var body = await ProblemAssert.IsProblem(await weeks.GetAsync("/members/me"), HttpStatusCode.Unauthorized);
        Assert.Contains("lives longer than 24 hours", body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var day = factory.CreateClient(factory.IdentityProviderToken("alice-object-id", lifetime: TimeSpan.FromHours(23)));
        Assert.Equal(HttpStatusCode.OK, (await day.GetAsync("/members/me")).StatusCode);
    }

    [Fact]
    public async Task A_token_issued_in_the_future_without_nbf_is_refused()
    {
        // Within the lifetime cap when measured from iat, but usable for a year if iat were believed.
        using var client = factory.CreateClient(factory.IdentityProviderToken(
            "alice-object-id", issuedAt: DateTime.UtcNow.AddDays(365), includeNotBefore: false, lifetime: TimeSpan.FromMinutes(30)));
        var body = await ProblemAssert.IsProblem(await client.GetAsync("/members/me"), HttpStatusCode.Unauthorized);
        Assert.Contains("iat lies in the future", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
