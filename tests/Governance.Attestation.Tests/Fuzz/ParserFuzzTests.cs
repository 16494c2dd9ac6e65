using System.Security.Cryptography.X509Certificates;
using System.Text;
using CsCheck;
using Governance.Attestation.AzureCvm;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Snp.Verify;
using Governance.Attestation.Tests.Support;

namespace Governance.Attestation.Tests.Fuzz;

/// <summary>
/// Property tests over random and mutated inputs: each parser either succeeds or throws the documented
/// <see cref="SnpFormatException"/>; what parses round-trips.
/// </summary>
public sealed class ParserFuzzTests
{
    private static readonly byte[][] Reports = [.. Vector.GenuineNames.Select(n => Vector.Load(n).Report)];

    [Fact]
    public void Report_parser_accepts_or_throws_the_format_exception_and_round_trips()
    {
        var gen = Gen.OneOf(
            Mutations.Random(AttestationReport.Size + 64),
            Gen.Byte.Array[AttestationReport.Size],
            Gen.OneOf(Reports.Select(Mutations.Of).ToArray()));
        gen.Sample(bytes =>
        {
            var report = FuzzSettings.OnlyFormatException(() => AttestationReport.Parse(bytes));
            if (report is not null)
            {
                Assert.Equal(bytes, report.ToBytes());
                _ = report.ProductFromCpuid;
            }
        }, iter: FuzzSettings.Iterations);
    }

    [Fact]
    public void Certificate_table_parser_accepts_or_throws_the_format_exception_and_round_trips()
    {
        var table = Platforms.Milan.CertificateTable();
        var small = new CertificateTable([new CertificateTableEntry(CertificateTable.VcekGuid, [0x30, 1, 2]), new CertificateTableEntry(CertificateTable.ArkGuid, [9])]).ToBytes();
        Mutations.Mixed(512, table, small).Sample(bytes =>
        {
            var parsed = FuzzSettings.OnlyFormatException(() => CertificateTable.Parse(bytes));
            if (parsed is not null)
            {
                var again = CertificateTable.Parse(parsed.ToBytes());
                Assert.Equal(parsed.Entries.Select(e => (e.Id, Convert.ToHexString(e.Data))), again.Entries.Select(e => (e.Id, Convert.ToHexString(e.Data))));
            }
        }, iter: FuzzSettings.Iterations);
    }

    [Fact]
    public void HCL_report_parser_accepts_or_throws_the_format_exception()
    {
        var milan = Vector.Load("azure-cvm-hcl-milan").ReadFile("hcl_report.bin");
        var genoa = Vector.Load("azure-cvm-hcl-genoa").ReadFile("hcl_report.bin");
        Mutations.Mixed(HclReport.VariableDataOffset + 64, milan, genoa).Sample(bytes =>
        {
            var hcl = FuzzSettings.OnlyFormatException(() => HclReport.Parse(bytes));
            if (hcl is not null)
            {
                Assert.Equal(AttestationReport.Size, hcl.SnpReport.Length);
                _ = hcl.RuntimeDataMatchesReport(new byte[64]);
            }
        }, iter: FuzzSettings.Iterations);
    }

    [Fact]
    public void VEK_extension_parser_accepts_or_throws_the_format_exception()
    {
        var genuine = Vector.GenuineNames.Select(Vector.Load)
            .SelectMany(v => X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(v.Certificate)).Extensions)
            .Where(e => e.Oid?.Value?.StartsWith(VekExtensions.Arc, StringComparison.Ordinal) == true)
            .Select(e => (Oid: e.Oid!.Value!, Value: e.RawData))
            .ToArray();
        var oids = genuine.Select(e => e.Oid).Distinct().Append(VekExtensions.Arc + "3.4").Append(VekExtensions.Arc + "9").ToArray();
        var entry = Gen.OneOf(
            Gen.Select(Gen.OneOf(oids), Mutations.Random(80)).Select((oid, value) => (oid, value)),
            Gen.Int[0, genuine.Length - 1].SelectMany(i => Mutations.Of(genuine[i].Value).Select(value => (genuine[i].Oid, value))));
        entry.Array[0, 12].Sample(extensions =>
        {
            FuzzSettings.OnlyFormatException(() => VekExtensions.Parse(extensions));
        }, iter: FuzzSettings.Iterations);
    }

    [Fact]
    public void Endorsement_bundle_parser_accepts_or_throws_the_format_exception()
    {
        var vector = Vector.Load("csc-aci-milan");
        Mutations.Mixed(256, vector.Certificate, vector.ReadFile("thim_host_amd_certificate.json"), Platforms.Milan.CertificateTable()).Sample(bytes =>
        {
            FuzzSettings.OnlyFormatException(() => EndorsementBundle.Parse(bytes));
        }, iter: FuzzSettings.Iterations);
    }

    [Fact]
    public void Certificate_signature_splitter_accepts_or_throws_the_format_exception()
    {
        var der = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(Vector.Load("virtee-milan").Certificate)).RawData;
        Mutations.Mixed(128, der, AmdRoots.For(Governance.Attestation.Policy.SnpProduct.Turin).Ark.RawData).Sample(bytes =>
        {
            var split = FuzzSettings.OnlyFormatException<object>(() => RsaPssCertificateSignature.Split(bytes));
            if (split is not null)
            {
                _ = RsaPssCertificateSignature.IsAmdPssAlgorithm(((ValueTuple<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>, byte[]>)split).Item2);
            }
        }, iter: FuzzSettings.Iterations);
    }

    [Fact]
    public async Task Verifier_turns_every_malformed_report_into_a_verification_failure()
    {
        var vector = Vector.Load("msteeav-aci-genoa");
        var verifier = Verifiers.Offline(vector.ValidAt);
        var inputs = Mutations.Of(vector.Report).Array[200].Single();
        foreach (var input in inputs)
        {
            try
            {
                await verifier.VerifyAsync(new SnpEvidence(input, vector.Certificate), default);
                Assert.Equal(vector.Report, input);
            }
            catch (AttestationVerificationException e)
            {
                Assert.False(string.IsNullOrEmpty(e.Code));
            }
        }
    }
}
