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
