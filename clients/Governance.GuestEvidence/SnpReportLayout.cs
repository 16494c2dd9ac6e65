namespace Governance.GuestEvidence;

/// <summary>
/// The few facts of the SEV-SNP ABI the agent needs to hand evidence on. The agent never verifies a report or a
/// certificate (the service does), so it depends on no verification library: only the report's size, where its
/// REPORT_DATA sits, and where the host's certificate table ends.
/// </summary>
public static class SnpReportLayout
{
    /// <summary>Size of the ATTESTATION_REPORT structure.</summary>
    public const int Size = 0x4A0;

    private const int ReportDataOffset = 0x50;
    private const int ReportDataLength = 64;

    /// <summary>A certificate table entry: GUID (16 bytes), offset and length (little-endian u32 each).</summary>
    private const int TableEntrySize = 24;

    /// <summary>A host has no reason to supply more certificates than VCEK or VLEK, ASK or ASVK, and ARK.</summary>
    private const int MaxTableEntries = 16;

    /// <summary>The report's REPORT_DATA field; <paramref name="report"/> must be a whole report.</summary>
    public static ReadOnlySpan<byte> ReportData(ReadOnlySpan<byte> report)
    {
        if (report.Length != Size)
        {
            throw new EvidenceUnavailableException($"The evidence source returned {report.Length} bytes, not an SEV-SNP report ({Size}).");
        }

        return report.Slice(ReportDataOffset, ReportDataLength);
    }

    /// <summary>
    /// Whether <paramref name="table"/> is an extended-report certificate table with at least one certificate: entries
    /// up to an all-zero terminator, each pointing inside the buffer past the headers.
    /// </summary>
    public static bool HoldsCertificates(ReadOnlySpan<byte> table)
    {
        var headers = new List<(uint Offset, uint Length)>();
        for (var position = 0; ; position += TableEntrySize)
        {
            if (position + TableEntrySize > table.Length || headers.Count > MaxTableEntries)
            {
                return false;
            }

            var entry = table.Slice(position, TableEntrySize);
            if (!entry.ContainsAnyExcept((byte)0))
            {
                var headerEnd = (ulong)position + TableEntrySize;
                var end = (ulong)table.Length;
                return headers.Count > 0 && headers.TrueForAll(h => h.Length > 0 && h.Offset >= headerEnd && (ulong)h.Offset + h.Length <= end);
            }

            headers.Add((BinaryPrimitives.ReadUInt32LittleEndian(entry[16..]), BinaryPrimitives.ReadUInt32LittleEndian(entry[20..])));
        }
    }
}
