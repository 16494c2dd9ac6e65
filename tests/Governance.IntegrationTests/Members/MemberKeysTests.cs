using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Governance.Domain.Members;
using Governance.IntegrationTests.Infrastructure;
using Governance.Protocol.Members;

namespace Governance.IntegrationTests.Members;

public sealed class MemberKeysFixture : GovernanceApiFactory
{
    public MemberKeysFixture()
    {
        Alice = AddGenesisMember("alice", "member");
        Bob = AddGenesisMember("bob", "member");
        Carol = AddGenesisMember("carol", "member");
        Dave = AddGenesisMember("dave", "member");
        Erin = AddGenesisMember("erin", "member");
    }

    public TestMember Alice { get; }

    public TestMember Bob { get; }

    /// <summary>Fills her keys up to the bound; no other test changes her keys.</summary>
    public TestMember Carol { get; }

    /// <summary>Dave and Erin trade keys between sign-in and recovery; no other test changes their keys.</summary>
    public TestMember Dave { get; }

    public TestMember Erin { get; }
}

public sealed class MemberKeysTests(MemberKeysFixture factory) : IClassFixture<MemberKeysFixture>
{
    [Fact]
    public async Task A_removed_key_stops_signing_in_at_once_and_the_new_key_works()
    {
        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var oldToken = factory.Bob.CreateToken();
        using var client = factory.CreateClient(oldToken);

        // Add a P-384 key as PEM.
        var added = await client.PostAsJsonAsync("/members/me/keys", new { key = newKey.ExportSubjectPublicKeyInfoPem() });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var key = await added.Content.ReadFromJsonAsync<MemberKeyResponse>();
        Assert.Equal("ES384", key!.Algorithm);
        Assert.Equal(Client.Auth.MemberTokenFactory.ComputeKeyId(newKey), key.KeyId);

        // Adding it again is a conflict.
        await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/members/me/keys", new { key = TestMember.PublicJwkOf(newKey) }), HttpStatusCode.Conflict);

        var removed = await client.DeleteAsync($"/members/me/keys/{factory.Bob.KeyId}");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.NotNull((await removed.Content.ReadFromJsonAsync<MemberKeyResponse>())!.RemovedAt);

        // The very token that removed the key no longer works.
        await ProblemAssert.IsProblem(await client.GetAsync("/members/me"), HttpStatusCode.Unauthorized);

        using var fresh = factory.CreateClient(factory.Bob.CreateToken(signWith: newKey));
        var me = await fresh.GetFromJsonAsync<MemberResponse>("/members/me");
        Assert.Equal(2, me!.Keys.Count);
        Assert.Single(me.Keys, k => k.RemovedAt is null);

        // The last active key stays.
        var last = await fresh.DeleteAsync($"/members/me/keys/{key.KeyId}");
        await ProblemAssert.IsProblem(last, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Keys_that_are_not_P256_or_P384_public_keys_are_refused()
    {
        using var client = factory.CreateClient(factory.Alice);
        using var p521 = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        using var rsa = RSA.Create(2048);
        await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/members/me/keys", new { key = p521.ExportSubjectPublicKeyInfoPem() }), HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/members/me/keys", new { key = rsa.ExportSubjectPublicKeyInfoPem() }), HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/members/me/keys", new { key = factory.Alice.PrivateKey.ExportPkcs8PrivateKeyPem() }), HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/members/me/keys", new { key = new { kty = "EC", crv = "P-256", x = "AAAA", y = "AAAA" } }), HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/members/me/keys", new { key = 42 }), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Another_members_key_cannot_be_claimed()
    {
        using var client = factory.CreateClient(factory.Alice);
        var response = await client.PostAsJsonAsync("/members/me/keys", new { key = factory.Bob.PublicJwk });
        await ProblemAssert.IsProblem(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Unknown_members_are_404()
    {
        using var client = factory.CreateClient(factory.Alice);
        await ProblemAssert.IsProblem(await client.GetAsync("/members/nobody"), HttpStatusCode.NotFound);
        var alice = await client.GetFromJsonAsync<MemberResponse>("/members/alice");
        Assert.Equal("alice (test)", alice!.DisplayName);
    }

    [Fact]
    public async Task A_member_holds_at_most_the_bound_of_active_keys_and_removing_one_makes_room()
    {
        using var client = factory.CreateClient(factory.Carol);
        var keys = new List<ECDsa>();
        try
        {
            for (var held = 1; held < Member.MaxActiveKeys; held++)
            {
                var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                keys.Add(key);
                Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/members/me/keys", new { key = TestMember.PublicJwkOf(key) })).StatusCode);
            }

            using var oneTooMany = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var refused = await ProblemAssert.IsProblem(
                await client.PostAsJsonAsync("/members/me/keys", new { key = TestMember.PublicJwkOf(oneTooMany) }), HttpStatusCode.Conflict);
            Assert.Contains($"at most {Member.MaxActiveKeys} active", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
            var me = await client.GetFromJsonAsync<MemberResponse>("/members/me");
            Assert.Equal(Member.MaxActiveKeys, me!.Keys.Count);

            var removed = await client.DeleteAsync($"/members/me/keys/{Client.Auth.MemberTokenFactory.ComputeKeyId(keys[0])}");
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/members/me/keys", new { key = TestMember.PublicJwkOf(oneTooMany) })).StatusCode);
        }
        finally
        {
            keys.ForEach(k => k.Dispose());
        }
    }

    [Fact]
    public async Task A_recovery_key_is_never_a_sign_in_key_whichever_was_registered_first()
    {
        using var dave = factory.CreateClient(factory.Dave);
        using var erin = factory.CreateClient(factory.Erin);

        // Dave's recovery key cannot become Erin's sign-in key, nor Dave's own.
        using var recovery = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Equal(HttpStatusCode.OK, (await dave.PutAsJsonAsync("/members/me/recovery-key", new { key = TestMember.PublicJwkOf(recovery) })).StatusCode);
        var claimed = await ProblemAssert.IsProblem(
            await erin.PostAsJsonAsync("/members/me/keys", new { key = TestMember.PublicJwkOf(recovery) }), HttpStatusCode.Conflict);
        Assert.Contains("recovery key", claimed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblem(
            await dave.PostAsJsonAsync("/members/me/keys", new { key = TestMember.PublicJwkOf(recovery) }), HttpStatusCode.Conflict);

        // Erin's sign-in key cannot become Dave's recovery key.
        using var signIn = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Equal(HttpStatusCode.Created, (await erin.PostAsJsonAsync("/members/me/keys", new { key = TestMember.PublicJwkOf(signIn) })).StatusCode);
        await ProblemAssert.IsProblem(
            await dave.PutAsJsonAsync("/members/me/recovery-key", new { key = TestMember.PublicJwkOf(signIn) }), HttpStatusCode.Conflict);

        var erinsKeys = (await erin.GetFromJsonAsync<MemberResponse>("/members/me"))!.Keys.Select(k => k.KeyId);
        Assert.DoesNotContain(Client.Auth.MemberTokenFactory.ComputeKeyId(recovery), erinsKeys);
    }
}
