using System.Text;
using Governance.Protocol.Audit;
using Governance.Protocol.Service;

namespace Governance.Protocol.Tests.Service;

/// <summary>The REPORT_DATA formula of confidential mode, pinned to the worked vector README gives.</summary>
public sealed class ServiceReportDataTests
{
    private static readonly DateTimeOffset Created = DateTimeOffset.UnixEpoch;

    internal static ServiceAttestedKeys VectorKeys() => new(
        new ServiceJwk("EC", "P-384", "aWRlbnRpdHkteA", "aWRlbnRpdHkteQ", "identity-kid", "sig", "ES384", Created),
        [new ServiceJwk("EC", "P-384", "aGVhZC14", "aGVhZC15", "head-kid", "sig", "ES384", Created),
         new ServiceJwk("EC", "P-256", "cmVjZWlwdC14", "cmVjZWlwdC15", "receipt-kid", "sig", "ES256", Created)],
        new ServiceJwk("EC", "P-384", "dHJhbnNpdC14", "dHJhbnNpdC15", "transit-kid", "enc", "ECDH-ES", Created));

    [Fact]
    public void The_statement_is_canonical_JSON_without_key_creation_times()
    {
        var statement = Encoding.UTF8.GetString(Governance.Protocol.Canonical.CanonicalJson.Serialize(ServiceReportData.Statement(VectorKeys(), "1.4.0", "Example consortium", "00112233445566778899aabbccddeeff")));
        Assert.Equal(
            "{\"buildVersion\":\"1.4.0\",\"consortium\":\"Example consortium\",\"keys\":{\"identity\":{\"alg\":\"ES384\",\"crv\":\"P-384\",\"kid\":\"identity-kid\",\"kty\":\"EC\",\"use\":\"sig\",\"x\":\"aWRlbnRpdHkteA\",\"y\":\"aWRlbnRpdHkteQ\"},"
            + "\"signing\":[{\"alg\":\"ES384\",\"crv\":\"P-384\",\"kid\":\"head-kid\",\"kty\":\"EC\",\"use\":\"sig\",\"x\":\"aGVhZC14\",\"y\":\"aGVhZC15\"},{\"alg\":\"ES256\",\"crv\":\"P-256\",\"kid\":\"receipt-kid\",\"kty\":\"EC\",\"use\":\"sig\",\"x\":\"cmVjZWlwdC14\",\"y\":\"cmVjZWlwdC15\"}],"
            + "\"transit\":{\"alg\":\"ECDH-ES\",\"crv\":\"P-384\",\"kid\":\"transit-kid\",\"kty\":\"EC\",\"use\":\"enc\",\"x\":\"dHJhbnNpdC14\",\"y\":\"dHJhbnNpdC15\"}},\"nonce\":\"00112233445566778899aabbccddeeff\"}",
            statement);
    }

    [Fact]
    public void The_worked_vector_in_README_holds()
    {
        var reportData = ServiceReportData.Compute(VectorKeys(), "1.4.0", "Example consortium", "00112233445566778899aabbccddeeff");
        Assert.Equal(64, reportData.Length);
        Assert.Equal("2fffee62c273139e1293d152670201876c4daaf89c37245257770068bf9521762d5a076b074ffa0197c6e64a2bc36d9e7d4ba7c01c145c6eb188aa9656a14225", Convert.ToHexStringLower(reportData));
    }

    [Fact]
    public void Any_change_to_a_bound_value_changes_the_report_data()
    {
        var keys = VectorKeys();
        var original = ServiceReportData.Compute(keys, "1.4.0", "Example consortium", "00");
        Assert.NotEqual(original, ServiceReportData.Compute(keys, "1.4.1", "Example consortium", "00"));
        Assert.NotEqual(original, ServiceReportData.Compute(keys, "1.4.0", "Other consortium", "00"));
        Assert.NotEqual(original, ServiceReportData.Compute(keys, "1.4.0", "Example consortium", "01"));
        Assert.NotEqual(original, ServiceReportData.Compute(keys with { Transit = keys.Identity }, "1.4.0", "Example consortium", "00"));
        Assert.NotEqual(original, ServiceReportData.Compute(keys with { Signing = [keys.Signing[0]] }, "1.4.0", "Example consortium", "00"));
    }
}
