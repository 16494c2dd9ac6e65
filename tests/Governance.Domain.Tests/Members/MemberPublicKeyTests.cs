using System.Security.Cryptography;
using System.Text.Json;
using Governance.Domain.Errors;
using Governance.Domain.Members;

namespace Governance.Domain.Tests.Members;

public sealed class MemberPublicKeyTests
{
    [Fact]
    public void Key_id_hashes_the_required_members_in_RFC7638_order_and_ignores_the_rest()
    {
        // RFC 7638 §3.2: for EC the hashed members are crv, kty, x, y, in that order, without whitespace.
        // The key is RFC 7517 Appendix A.1's. Integration tests check the id against Microsoft.IdentityModel's thumbprint.
        var key = MemberPublicKey.Parse("""
            {"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","use":"enc","kid":"1"}
            """);
        Assert.Equal("""{"crv":"P-256","kty":"EC","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}""", key.Jwk);
        var expected = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key.Jwk)));
        Assert.Equal(expected, key.KeyId);
        Assert.Equal("ES256", key.Algorithm);
    }

    [Fact]
    public void Pem_and_jwk_of_the_same_key_give_the_same_id()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var fromPem = MemberPublicKey.Parse(ecdsa.ExportSubjectPublicKeyInfoPem());
        var fromJwk = MemberPublicKey.Parse(fromPem.Jwk);
        Assert.Equal(fromPem, fromJwk);
        Assert.Equal("ES384", fromPem.Algorithm);
        Assert.Equal(43, fromPem.KeyId.Length);
    }

    [Theory]
    [InlineData("""{"kty":"RSA","n":"AQAB","e":"AQAB"}""")]
    [InlineData("""{"kty":"EC","crv":"P-521","x":"AA","y":"AA"}""")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}""")]
    [InlineData("""{"kty":"EC","crv":"P-256"}""")]
    [InlineData("not a key")]
    [InlineData("{")]
    public void Anything_but_a_P256_or_P384_public_key_is_invalid(string text) =>
        Assert.Equal(ErrorKind.Unprocessable, Assert.Throws<DomainException>(() => MemberPublicKey.Parse(text)).Kind);

    [Fact]
    public void Private_keys_are_refused()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Throws<DomainException>(() => MemberPublicKey.Parse(ecdsa.ExportPkcs8PrivateKeyPem()));
        var parameters = ecdsa.ExportParameters(true);
        var jwk = JsonSerializer.Serialize(new
        {
            kty = "EC", crv = "P-256",
            x = System.Buffers.Text.Base64Url.EncodeToString(parameters.Q.X),
            y = System.Buffers.Text.Base64Url.EncodeToString(parameters.Q.Y),
            d = System.Buffers.Text.Base64Url.EncodeToString(parameters.D),
        });
        Assert.Throws<DomainException>(() => MemberPublicKey.Parse(jwk));
    }

    [Theory]
    [InlineData("alice", true)]
    [InlineData("a1-b2", true)]
    [InlineData("a", false)]
    [InlineData("-alice", false)]
    [InlineData("Alice", false)]
    [InlineData("al ice", false)]
    public void Member_ids_are_slugs(string id, bool valid) => Assert.Equal(valid, MemberId.IsValid(id));
}
