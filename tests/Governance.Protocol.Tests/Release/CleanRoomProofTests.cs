using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Governance.Protocol.Release;
using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.Protocol.Tests.Release;

public sealed class CleanRoomProofTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly CleanRoomStatement Statement = new("5f0c3b1e-8a56-4a61-9d5c-0f1e2d3c4b5a", "bm9uY2U", CleanRoomStatement.ConsentCheck);

    [Fact]
    public void A_proof_signed_by_the_bound_key_verifies()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var proof = CleanRoomProof.Sign(key, "thumbprint", Statement);

        Assert.Equal(Statement, CleanRoomProof.Verify(proof, Public(key)));
    }

    /// <summary>
    /// A JWS by the same key but without the proof's type, or marking an extension critical that nothing here
    /// understands, used to verify as a proof.
    /// </summary>
    [Theory]
    [InlineData("""{"alg":"ES384","kid":"thumbprint"}""")]
    [InlineData("""{"alg":"ES384","kid":"thumbprint","typ":"JWT"}""")]
    [InlineData("""{"alg":"ES384","kid":"thumbprint","typ":"governance-cleanroom-v1","crit":["b64"],"b64":false}""")]
    [InlineData("""{"alg":"ES384","kid":"thumbprint","typ":"governance-cleanroom-v1","crit":[]}""")]
    public void A_jws_by_the_bound_key_without_the_proof_type_or_with_a_critical_extension_is_refused(string header)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var encodedHeader = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header));
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(Statement, Web));
        var signature = key.SignData(Encoding.ASCII.GetBytes($"{encodedHeader}.{payload}"), HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        Assert.Null(CleanRoomProof.Verify($"{encodedHeader}.{payload}.{Base64Url.EncodeToString(signature)}", Public(key)));
    }

    private static WrappingKey Public(ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        return new WrappingKey { Kty = "EC", Crv = "P-384", X = Base64Url.EncodeToString(q.X), Y = Base64Url.EncodeToString(q.Y) };
    }
}
