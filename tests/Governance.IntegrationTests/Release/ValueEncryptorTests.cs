using System.Security.Cryptography;
using System.Text.Json;
using Governance.Api.Release;
using Governance.Domain.Errors;
using Governance.Protocol.Release;
using Jose;
using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.IntegrationTests.Release;

public sealed class ValueEncryptorTests
{
    [Theory]
    [InlineData(3072)]
    [InlineData(4096)]
    public void Rsa_wrapped_values_decrypt_with_the_vm_private_key_only(int bits)
    {
        using var vm = RSA.Create(bits);
        var value = RandomNumberGenerator.GetBytes(64 * 1024);
        using var encryptor = ValueEncryptor.For(TestKeys.Public(vm));

        var jwe = encryptor.Encrypt(value);

        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(jwe.Split('.')[0])).RootElement;
        Assert.Equal("RSA-OAEP-256", header.GetProperty("alg").GetString());
        Assert.Equal("A256GCM", header.GetProperty("enc").GetString());
        Assert.Equal(JwkThumbprint.ComputeBase64Url(TestKeys.Public(vm)), header.GetProperty("kid").GetString());
        Assert.Equal(5, jwe.Split('.').Length);
        Assert.Equal(value, JWT.DecryptBytes(jwe, vm));
        using var stranger = RSA.Create(3072);
        Assert.ThrowsAny<Exception>(() => JWT.DecryptBytes(jwe, stranger));
    }

    [Fact]
    public void Ec_p384_wrapped_values_decrypt_with_ecdh_es()
    {
        using var vm = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        var q = vm.ExportParameters(false).Q;
        var key = new WrappingKey { Kty = "EC", Crv = "P-384", X = Base64Url.EncodeToString(q.X), Y = Base64Url.EncodeToString(q.Y) };
        var value = RandomNumberGenerator.GetBytes(100);
        using var encryptor = ValueEncryptor.For(key);

        var jwe = encryptor.Encrypt(value);

        Assert.Equal("ECDH-ES", JsonDocument.Parse(Base64Url.DecodeFromChars(jwe.Split('.')[0])).RootElement.GetProperty("alg").GetString());
        Assert.Equal(value, JWT.DecryptBytes(jwe, vm));
    }

    [Fact]
    public void Weak_private_or_foreign_keys_are_refused()
    {
        using var small = RSA.Create(2048);
        using var big = RSA.Create(3072);
        Assert.Throws<DomainException>(() => ValueEncryptor.For(TestKeys.Public(small)));
        Assert.Throws<DomainException>(() => ValueEncryptor.For(TestKeys.Public(big) with { D = "AQAB" }));
        Assert.Throws<DomainException>(() => ValueEncryptor.For(TestKeys.Public(big) with { Use = "sig" }));
        Assert.Throws<DomainException>(() => ValueEncryptor.For(new WrappingKey { Kty = "EC", Crv = "P-256", X = "AA", Y = "AA" }));
        Assert.Throws<DomainException>(() => ValueEncryptor.For(new WrappingKey { Kty = "oct" }));
    }

    /// <summary>
    /// An even modulus passed the size rule and reached the platform's encryption, which failed with a server error;
    /// a leading zero octet gave one key a second thumbprint.
    /// </summary>
    [Fact]
    public void An_even_or_non_minimal_rsa_key_is_refused_as_invalid_before_any_encryption()
    {
        using var rsa = RSA.Create(3072);
        var parameters = rsa.ExportParameters(false);
        var even = (byte[])parameters.Modulus!.Clone();
        even[^1] &= 0xFE;
        byte[] padded = [0, .. parameters.Modulus!];
        byte[] paddedExponent = [0, .. parameters.Exponent!];

        foreach (var key in new[]
                 {
                     TestKeys.Public(rsa) with { N = Base64Url.EncodeToString(even) },
                     TestKeys.Public(rsa) with { N = Base64Url.EncodeToString(padded) },
                     TestKeys.Public(rsa) with { E = Base64Url.EncodeToString(paddedExponent) },
                 })
        {
            var refused = Assert.Throws<DomainException>(() => ValueEncryptor.For(key));
            Assert.Equal(ErrorKind.Unprocessable, refused.Kind);
        }
    }
}

internal static class TestKeys
{
    public static WrappingKey Public(RSA rsa)
    {
        var parameters = rsa.ExportParameters(false);
        return new WrappingKey { Kty = "RSA", N = Base64Url.EncodeToString(parameters.Modulus), E = Base64Url.EncodeToString(parameters.Exponent) };
    }
}
