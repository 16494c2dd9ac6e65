using System.Buffers.Binary;
using Governance.GuestEvidence;
using Governance.Attestation.Snp.Abi;

namespace Governance.IntegrationTests.Agent;

/// <summary>The agent's own reading of the ABI agrees with the verification library's.</summary>
public sealed class SnpReportLayoutTests
{
    [Fact]
    public void Report_data_is_read_where_the_verifier_reads_it()
    {
        var reportData = Enumerable.Range(1, 64).Select(i => (byte)i).ToArray();
        var bytes = new AttestationReport { Version = 3, ReportData = reportData }.ToBytes();

        Assert.Equal(AttestationReport.Size, SnpReportLayout.Size);
        Assert.Equal(reportData, SnpReportLayout.ReportData(bytes).ToArray());
    }

    [Fact]
    public void A_truncated_report_is_evidence_unavailable()
    {
        Assert.Throws<EvidenceUnavailableException>(() => SnpReportLayout.ReportData(new byte[SnpReportLayout.Size - 1]));
    }

    [Fact]
    public void A_table_with_certificates_is_kept_and_a_page_of_zeros_or_a_broken_table_is_dropped()
    {
        var table = new CertificateTable([new(CertificateTable.VcekGuid, [1, 2, 3]), new(CertificateTable.AskGuid, [4, 5])]).ToBytes();
        var padded = new byte[4096];
        table.CopyTo(padded, 0);

        Assert.True(SnpReportLayout.HoldsCertificates(table));
        Assert.True(SnpReportLayout.HoldsCertificates(padded));
        Assert.False(SnpReportLayout.HoldsCertificates(new byte[4096]));
        Assert.False(SnpReportLayout.HoldsCertificates(table.AsSpan(0, 24)));

        var outside = (byte[])table.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(outside.AsSpan(16), (uint)table.Length - 1);
        Assert.False(SnpReportLayout.HoldsCertificates(outside));

        var intoHeaders = (byte[])padded.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(intoHeaders.AsSpan(16), 0);
        Assert.False(SnpReportLayout.HoldsCertificates(intoHeaders));
    }
}
