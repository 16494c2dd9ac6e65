namespace Governance.Attestation.Snp.Abi;

/// <summary>One certificate in an extended-report certificate table.</summary>
/// <param name="Id">The entry's GUID (stored in RFC 4122 byte order).</param>
/// <param name="Data">The certificate bytes (DER for AMD certificates).</param>
public sealed record CertificateTableEntry(Guid Id, byte[] Data);

/// <summary>
/// The certificate table that comes with an extended report (GHCB) or a configfs-tsm auxblob: 24-byte entries
/// {GUID, offset u32, length u32} ended by an all-zero entry, offsets counted from the table's start.
/// </summary>
public sealed record CertificateTable(IReadOnlyList<CertificateTableEntry> Entries)
{
    public static readonly Guid VcekGuid = new("63da758d-e664-4564-adc5-f4b93be8accd");
    public static readonly Guid VlekGuid = new("a8074bc2-a25a-483e-aae6-39c045a0b8a1");
    public static readonly Guid AskGuid = new("4ab7b379-bbac-4fe4-a02f-05aef327c782");
    public static readonly Guid ArkGuid = new("c0b406a4-a803-4952-9743-3fb6014cd0ae");

    private const int EntrySize = 24;

    /// <summary>
    /// Most entries a table may hold. Real tables carry a VCEK or VLEK, the ASK or ASVK, the ARK and perhaps a CRL or
    /// two; the cap keeps a crafted table from making the verifier copy and check thousands of certificates.
    /// </summary>
    public const int MaxEntries = 16;

    /// <summary>The first entry with <paramref name="id"/>, or null.</summary>
    public byte[]? Find(Guid id) => Entries.FirstOrDefault(e => e.Id == id)?.Data;

    /// <summary>The VCEK, if present.</summary>
    public byte[]? Vcek => Find(VcekGuid);

    /// <summary>The VLEK, if present.</summary>
    public byte[]? Vlek => Find(VlekGuid);

    /// <summary>The ASK or ASVK, if present.</summary>
    public byte[]? Ask => Find(AskGuid);

    /// <summary>The ARK, if present (never trusted by itself).</summary>
    public byte[]? Ark => Find(ArkGuid);

    /// <summary>Parses a table; trailing bytes after the last certificate (page padding) are allowed.</summary>
    /// <exception cref="SnpFormatException">The table is truncated, unterminated, points outside the blob, has more than
    /// <see cref="MaxEntries"/> entries, repeats an entry, or has entries that overlap.</exception>
    public static CertificateTable Parse(ReadOnlySpan<byte> data)
    {
        var entries = new List<CertificateTableEntry>();
        var headers = new List<(Guid Guid, uint Offset, uint Length)>();
        var position = 0;
        while (true)
        {
            if (position + EntrySize > data.Length)
            {
                throw new SnpFormatException("The certificate table has no terminating all-zero entry.");
            }

            var entry = data.Slice(position, EntrySize);
            position += EntrySize;
            if (!entry.ContainsAnyExcept((byte)0))
            {
                break;
            }

            if (headers.Count == MaxEntries)
            {
                throw new SnpFormatException($"The certificate table has more than {MaxEntries} entries.");
            }

            headers.Add((new Guid(entry[..16], bigEndian: true), BinaryPrimitives.ReadUInt32LittleEndian(entry[16..]), BinaryPrimitives.ReadUInt32LittleEndian(entry[20..])));
        }

        if (headers.GroupBy(h => h.Guid).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new SnpFormatException($"Certificate table entry {repeated.Key} appears more than once.");
        }

        var headerEnd = position;
        // Each certificate has its own bytes: entries that share a region would let one region be copied many times.
        var ordered = headers.OrderBy(h => h.Offset).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if ((ulong)ordered[i - 1].Offset + ordered[i - 1].Length > ordered[i].Offset)
            {
                throw new SnpFormatException($"Certificate table entries {ordered[i - 1].Guid} and {ordered[i].Guid} overlap.");
            }
        }

        foreach (var (guid, offset, length) in headers)
        {
            if (length == 0)
            {
                throw new SnpFormatException($"Certificate table entry {guid} is empty.");
            }

            if (offset < headerEnd || (ulong)offset + length > (ulong)data.Length)
            {
                throw new SnpFormatException($"Certificate table entry {guid} (offset {offset}, length {length}) lies outside the {data.Length}-byte blob.");
            }

            entries.Add(new CertificateTableEntry(guid, data.Slice((int)offset, (int)length).ToArray()));
        }

        return new CertificateTable(entries);
    }

    /// <summary>Serialises the table: headers, terminator, then each certificate in order.</summary>
    public byte[] ToBytes()
    {
        var headerEnd = (Entries.Count + 1) * EntrySize;
        var total = headerEnd + Entries.Sum(e => e.Data.Length);
        var data = new byte[total];
        var offset = headerEnd;
        for (var i = 0; i < Entries.Count; i++)
        {
            var entry = Entries[i];
            if (entry.Data.Length == 0)
            {
                throw new SnpFormatException($"Certificate table entry {entry.Id} is empty.");
            }

            var header = data.AsSpan(i * EntrySize, EntrySize);
            entry.Id.TryWriteBytes(header[..16], bigEndian: true, out _);
            BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)offset);
            BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)entry.Data.Length);
            entry.Data.CopyTo(data, offset);
            offset += entry.Data.Length;
        }

        return data;
    }
}
