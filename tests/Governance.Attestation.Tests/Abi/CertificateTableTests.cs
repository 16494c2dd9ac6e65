using Governance.Attestation.Snp.Abi;

namespace Governance.Attestation.Tests.Abi;

public sealed class CertificateTableTests
{
    [Fact]
    public void Table_round_trips_and_finds_entries_by_GUID()
    {
        var table = new CertificateTable(
        [
            new CertificateTableEntry(CertificateTable.VcekGuid, [1, 2, 3]),
            new CertificateTableEntry(CertificateTable.AskGuid, [4, 5]),
            new CertificateTableEntry(CertificateTable.ArkGuid, [6]),
        ]);
        var bytes = table.ToBytes();

        // GUIDs are stored in RFC 4122 (big-endian) byte order.
        Assert.Equal(Convert.FromHexString("63da758de6644564adc5f4b93be8accd"), bytes[..16]);
        var parsed = CertificateTable.Parse([.. bytes, .. new byte[100]]);
        Assert.Equal([1, 2, 3], parsed.Vcek);
        Assert.Equal([4, 5], parsed.Ask);
        Assert.Equal([6], parsed.Ark);
        Assert.Null(parsed.Vlek);
    }

    /// <summary>A table of <paramref name="entries"/> headers, each pointing at (offset, length) in one shared region after them.</summary>
    private static byte[] Headers(params (Guid Id, int Offset, int Length)[] entries)
    {
        var data = new byte[((entries.Length + 1) * 24) + 4096];
        for (var i = 0; i < entries.Length; i++)
        {
            var header = data.AsSpan(i * 24, 24);
            entries[i].Id.TryWriteBytes(header[..16], bigEndian: true, out _);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)entries[i].Offset);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)entries[i].Length);
        }

        return data;
    }

    [Fact]
    public void Entries_that_share_bytes_are_refused_so_one_region_cannot_be_copied_many_times()
    {
        var start = 3 * 24;
        var overlapping = Headers((CertificateTable.VcekGuid, start, 2000), (CertificateTable.AskGuid, start + 1000, 2000));
        Assert.Contains("overlap", Assert.Throws<SnpFormatException>(() => CertificateTable.Parse(overlapping)).Message, StringComparison.Ordinal);

        var adjacent = Headers((CertificateTable.VcekGuid, start, 1000), (CertificateTable.AskGuid, start + 1000, 1000));
        Assert.Equal(2, CertificateTable.Parse(adjacent).Entries.Count);
    }

    [Fact]
    public void A_repeated_entry_and_more_entries_than_the_cap_are_refused()
    {
        var start = 3 * 24;
        var repeated = Headers((CertificateTable.AskGuid, start, 100), (CertificateTable.AskGuid, start + 100, 100));
        Assert.Contains("more than once", Assert.Throws<SnpFormatException>(() => CertificateTable.Parse(repeated)).Message, StringComparison.Ordinal);

        var count = CertificateTable.MaxEntries + 1;
        var many = Headers([.. Enumerable.Range(0, count).Select(i => (Guid.NewGuid(), ((count + 1) * 24) + (i * 10), 10))]);
        Assert.Contains("more than", Assert.Throws<SnpFormatException>(() => CertificateTable.Parse(many)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_tables_raise_the_format_exception()
    {
        var bytes = new CertificateTable([new CertificateTableEntry(CertificateTable.VlekGuid, [1, 2, 3])]).ToBytes();
        Assert.Throws<SnpFormatException>(() => CertificateTable.Parse(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<SnpFormatException>(() => CertificateTable.Parse(bytes.AsSpan(0, 30)));

        var pointsIntoHeader = (byte[])bytes.Clone();
        pointsIntoHeader[16] = 4;
        Assert.Throws<SnpFormatException>(() => CertificateTable.Parse(pointsIntoHeader));

        var empty = (byte[])bytes.Clone();
        empty[20] = 0;
        Assert.Throws<SnpFormatException>(() => CertificateTable.Parse(empty));
    }
}
