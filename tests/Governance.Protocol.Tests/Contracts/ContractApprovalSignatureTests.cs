using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Governance.Protocol.Contracts;

namespace Governance.Protocol.Tests.Contracts;

public sealed class ContractApprovalSignatureTests
{
    private static readonly Guid ContractId = Guid.Parse("0195f1c2-1234-7000-8000-0000000000aa");
    private static readonly string Digest = new('c', 64);

    [Theory]
    [InlineData(256, "ES256")]
    [InlineData(384, "ES384")]
    public void Detached_signature_verifies_with_the_signers_public_jwk(int bits, string algorithm)
    {
        using var key = ECDsa.Create(bits == 256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
        var jws = ContractApprovalSignature.Sign(key, EcJwk.Thumbprint(key), ContractId, Digest);
        Assert.Contains("..", jws, StringComparison.Ordinal);
        Assert.True(ContractApprovalSignature.TryReadHeader(jws, out var header));
        Assert.Equal(algorithm, header.Algorithm);
        Assert.True(ContractApprovalSignature.Verify(jws, ContractId, Digest, EcJwk.Export(key)).IsValid);
        Assert.False(ContractApprovalSignature.Verify(jws, Guid.NewGuid(), Digest, EcJwk.Export(key)).IsValid);
    }

    [Fact]
    public void Attached_payload_must_be_the_expected_one()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parts = ContractApprovalSignature.Sign(key, "k", ContractId, Digest).Split('.');
        var attached = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(ContractApprovalSignature.Payload(ContractId, Digest)))}.{parts[2]}";
        Assert.True(ContractApprovalSignature.Verify(attached, ContractId, Digest, EcJwk.Export(key)).IsValid);
        var other = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(ContractApprovalSignature.Payload(ContractId, new string('d', 64))))}.{parts[2]}";
        Assert.False(ContractApprovalSignature.Verify(other, ContractId, Digest, EcJwk.Export(key)).IsValid);
    }

    [Theory]
    [InlineData("""{"alg":"ES384","kid":"\ud800"}""")]
    [InlineData("""{"alg":"\udc00","kid":"k"}""")]
    public void A_header_whose_strings_are_half_a_surrogate_pair_is_unreadable_not_a_crash(string header)
    {
        var jws = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header))}..AAAA";
        Assert.False(ContractApprovalSignature.TryReadHeader(jws, out _));
        Assert.False(ContractApprovalSignature.Verify(jws, ContractId, Digest, "{}").IsValid);
    }

    [Fact]
    public void Payload_is_the_documented_string()
    {
        Assert.Equal($"governance-contract-approval-v1:0195f1c2-1234-7000-8000-0000000000aa:{Digest}",
            ContractApprovalSignature.Payload(ContractId, Digest.ToUpperInvariant()));
    }
}
