using System.Security.Cryptography;
using Governance.Protocol.Release;

namespace Governance.Protocol.Tests.Release;

public sealed class ReleaseBindingTests
{
    // The RSA key of RFC 7638 section 3.1, whose thumbprint the RFC gives; the binding only uses the thumbprint.
    internal static readonly WrappingKey Rfc7638Key = new()
    {
        Kty = "RSA",
        E = "AQAB",
        N = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
        Alg = "RS256",
        Kid = "2011-04-29",
    };

    [Fact]
    public void Thumbprint_matches_the_rfc_7638_example()
    {
        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", JwkThumbprint.ComputeBase64Url(Rfc7638Key));
    }

    [Fact]
    public void Binding_of_the_documented_vector()
    {
        // nonce = bytes 00 01 … 1f (base64url AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8)
        var nonce = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var binding = ReleaseBinding.Compute(nonce, Rfc7638Key);
        Assert.Equal(
            "7265816ef9060344593e6af12a732b9af60c8b1701fdb2a48bfa0bb60ba2bdfcbd8c56241b6516e9abe9260bfe4f865c3d7f30f6bf80d74666a337613e06a2b7",
            Convert.ToHexStringLower(binding));
        Assert.Equal(ReleaseBinding.Length, binding.Length);
    }

    [Fact]
    public void Binding_changes_with_the_nonce_and_with_the_key()
    {
        var nonce = RandomNumberGenerator.GetBytes(32);
        var other = (byte[])nonce.Clone();
        other[^1] ^= 1;
        using var rsa = RSA.Create(3072);
        var parameters = rsa.ExportParameters(false);
        var key = new WrappingKey { Kty = "RSA", N = Base64Url(parameters.Modulus!), E = Base64Url(parameters.Exponent!) };
        Assert.NotEqual(ReleaseBinding.Compute(nonce, key), ReleaseBinding.Compute(other, key));
        Assert.NotEqual(ReleaseBinding.Compute(nonce, key), ReleaseBinding.Compute(nonce, Rfc7638Key));
    }

    [Fact]
    public void Thumbprint_ignores_optional_members_and_covers_ec_keys()
    {
        var bare = Rfc7638Key with { Alg = null, Kid = null };
        Assert.Equal(JwkThumbprint.Compute(Rfc7638Key), JwkThumbprint.Compute(bare));
        var ec = new WrappingKey { Kty = "EC", Crv = "P-384", X = "abc", Y = "def" };
        Assert.Equal("{\"crv\":\"P-384\",\"kty\":\"EC\",\"x\":\"abc\",\"y\":\"def\"}", JwkThumbprint.CanonicalMembers(ec));
    }

    [Fact]
    public void Malformed_keys_have_no_thumbprint()
    {
        Assert.Throws<FormatException>(() => JwkThumbprint.Compute(Rfc7638Key with { N = null }));
        Assert.Throws<FormatException>(() => JwkThumbprint.Compute(Rfc7638Key with { N = "ab\"c" }));
        Assert.Throws<FormatException>(() => JwkThumbprint.Compute(new WrappingKey { Kty = "oct" }));
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
