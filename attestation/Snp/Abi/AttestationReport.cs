namespace Governance.Attestation.Snp.Abi;

/// <summary>
/// The SEV-SNP ATTESTATION_REPORT (1184 bytes, versions 2 to 5) as typed fields. <see cref="Parse"/> checks the
/// structure (length, version, signature algorithm, must-be-zero ranges, policy and key-info reserved bits) and
/// <see cref="ToBytes"/> writes the identical bytes back. Nothing here checks the signature.
/// </summary>
public sealed record AttestationReport
{
    /// <summary>Size of the report structure.</summary>
    public const int Size = 0x4A0;

    /// <summary>Bytes 0x000..0x29F are signed.</summary>
    public const int SignedLength = 0x2A0;

    /// <summary>Only signature algorithm defined: ECDSA P-384 with SHA-384.</summary>
    public const uint EcdsaP384Sha384 = 1;

    /// <summary>Length of one P-384 scalar.</summary>
    public const int ScalarLength = 48;

    /// <summary>The highest VM privilege level; a report from VMPL 4 or above does not exist.</summary>
    public const uint MaxVmpl = 3;

    private const int SignatureComponentLength = 72;

    public uint Version { get; init; }

    public uint GuestSvn { get; init; }

    public GuestPolicy Policy { get; init; }

    /// <summary>FAMILY_ID, 16 bytes.</summary>
    public byte[] FamilyId { get; init; } = new byte[16];

    /// <summary>IMAGE_ID, 16 bytes.</summary>
    public byte[] ImageId { get; init; } = new byte[16];

    public uint Vmpl { get; init; }

    public uint SignatureAlgorithm { get; init; } = EcdsaP384Sha384;

    public TcbVersion CurrentTcb { get; init; }

    public PlatformInfo PlatformInfo { get; init; }

    public KeyInfo KeyInfo { get; init; }

    /// <summary>REPORT_DATA, 64 bytes chosen by the guest.</summary>
    public byte[] ReportData { get; init; } = new byte[64];

    /// <summary>MEASUREMENT, 48 bytes.</summary>
    public byte[] Measurement { get; init; } = new byte[48];

    /// <summary>HOST_DATA, 32 bytes.</summary>
    public byte[] HostData { get; init; } = new byte[32];

    /// <summary>ID_KEY_DIGEST, 48 bytes.</summary>
    public byte[] IdKeyDigest { get; init; } = new byte[48];

    /// <summary>AUTHOR_KEY_DIGEST, 48 bytes.</summary>
    public byte[] AuthorKeyDigest { get; init; } = new byte[48];

    /// <summary>REPORT_ID, 32 bytes.</summary>
    public byte[] ReportId { get; init; } = new byte[32];

    /// <summary>REPORT_ID_MA, 32 bytes (all 0xFF without a migration agent).</summary>
    public byte[] ReportIdMa { get; init; } = new byte[32];

    /// <summary>The TCB the VCEK/VLEK was derived at; the endorsement key's SPLs match this one.</summary>
    public TcbVersion ReportedTcb { get; init; }

    /// <summary>CPUID family (version 3 and later; null for version 2).</summary>
    public byte? CpuidFamily { get; init; }

    /// <summary>CPUID model (version 3 and later).</summary>
    public byte? CpuidModel { get; init; }

    /// <summary>CPUID stepping (version 3 and later).</summary>
    public byte? CpuidStepping { get; init; }

    /// <summary>CHIP_ID, 64 bytes (all zero when masked; Turin uses the first 8).</summary>
    public byte[] ChipId { get; init; } = new byte[64];

    public TcbVersion CommittedTcb { get; init; }

    public FirmwareVersion CurrentVersion { get; init; }

    public FirmwareVersion CommittedVersion { get; init; }

    public TcbVersion LaunchTcb { get; init; }

    /// <summary>LAUNCH_MIT_VECTOR (version 5 and later).</summary>
    public ulong? LaunchMitVector { get; init; }

    /// <summary>CURRENT_MIT_VECTOR (version 5 and later).</summary>
    public ulong? CurrentMitVector { get; init; }

    /// <summary>Signature R, 48 bytes little-endian as stored.</summary>
    public byte[] SignatureR { get; init; } = new byte[ScalarLength];

    /// <summary>Signature S, 48 bytes little-endian as stored.</summary>
    public byte[] SignatureS { get; init; } = new byte[ScalarLength];

    /// <summary>The product named by CPUID (version 3+); null for version 2 or an unknown CPU.</summary>
    public SnpProduct? ProductFromCpuid =>
        CpuidFamily is { } family && CpuidModel is { } model ? ProductIdentification.FromCpuid(family, model) : null;

    /// <summary>True when CHIP_ID is all zero (the host's MaskChipId setting).</summary>
    public bool ChipIdMasked => !ChipId.AsSpan().ContainsAnyExcept((byte)0);

    /// <summary>Parses and structurally checks a report.</summary>
    /// <exception cref="SnpFormatException">The bytes are not a well-formed report.</exception>
    public static AttestationReport Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length != Size)
        {
            throw new SnpFormatException($"An attestation report is {Size} bytes; got {data.Length}.");
        }

        var version = U32(data, 0x000);
        if (version is < 2 or > 5)
        {
            throw new SnpFormatException($"Report VERSION {version} is not supported (2 to 5).");
        }

        var signatureAlgorithm = U32(data, 0x034);
        if (signatureAlgorithm != EcdsaP384Sha384)
        {
            throw new SnpFormatException($"SIGNATURE_ALGO {signatureAlgorithm} is not ECDSA P-384 with SHA-384 (1).");
        }

        var vmpl = U32(data, 0x030);
        if (vmpl > MaxVmpl)
        {
            throw new SnpFormatException($"VMPL {vmpl} is not a privilege level (0 to {MaxVmpl}).");
        }

        var policy = new GuestPolicy(U64(data, 0x008));
        if ((policy.Raw & GuestPolicy.ReservedMustBeOne) == 0)
        {
            throw new SnpFormatException("POLICY bit 17 is reserved and must be 1.");
        }

        if ((policy.Raw & GuestPolicy.ReservedMustBeZero) != 0)
        {
            throw new SnpFormatException($"POLICY 0x{policy.Raw:x} sets reserved bits 63:26.");
        }

        var keyInfo = new KeyInfo(U32(data, 0x048));
        if ((keyInfo.Raw & KeyInfo.ReservedMustBeZero) != 0)
        {
            throw new SnpFormatException($"KEY_INFO 0x{keyInfo.Raw:x} sets reserved bits 31:5.");
        }

        if (keyInfo.SigningKey is not (SigningKeyKind.Vcek or SigningKeyKind.Vlek or SigningKeyKind.None))
        {
            throw new SnpFormatException($"KEY_INFO SIGNING_KEY {(int)keyInfo.SigningKey} is reserved.");
        }

        RequireZero(data, 0x04C, 4, "reserved 0x04C");
        if (version >= 3)
        {
            RequireZero(data, 0x18B, 21, "reserved 0x18B");
        }
        else
        {
            RequireZero(data, 0x188, 24, "reserved 0x188 (version 2 has no CPUID fields)");
        }

        RequireZero(data, 0x1EB, 1, "reserved 0x1EB");
        RequireZero(data, 0x1EF, 1, "reserved 0x1EF");
        if (version >= 5)
        {
            RequireZero(data, 0x208, 0x2A0 - 0x208, "reserved 0x208");
        }
        else
        {
            RequireZero(data, 0x1F8, 0x2A0 - 0x1F8, "reserved 0x1F8");
        }

        RequireZero(data, 0x2A0 + ScalarLength, SignatureComponentLength - ScalarLength, "signature R high bytes");
        RequireZero(data, 0x2E8 + ScalarLength, SignatureComponentLength - ScalarLength, "signature S high bytes");
        RequireZero(data, 0x330, Size - 0x330, "reserved signature tail 0x330");

        return new AttestationReport
        {
            Version = version,
            GuestSvn = U32(data, 0x004),
            Policy = policy,
            FamilyId = data.Slice(0x010, 16).ToArray(),
            ImageId = data.Slice(0x020, 16).ToArray(),
            Vmpl = vmpl,
            SignatureAlgorithm = signatureAlgorithm,
            CurrentTcb = new TcbVersion(U64(data, 0x038)),
            PlatformInfo = new PlatformInfo(U64(data, 0x040)),
            KeyInfo = keyInfo,
            ReportData = data.Slice(0x050, 64).ToArray(),
            Measurement = data.Slice(0x090, 48).ToArray(),
            HostData = data.Slice(0x0C0, 32).ToArray(),
            IdKeyDigest = data.Slice(0x0E0, 48).ToArray(),
            AuthorKeyDigest = data.Slice(0x110, 48).ToArray(),
            ReportId = data.Slice(0x140, 32).ToArray(),
            ReportIdMa = data.Slice(0x160, 32).ToArray(),
            ReportedTcb = new TcbVersion(U64(data, 0x180)),
            CpuidFamily = version >= 3 ? data[0x188] : null,
            CpuidModel = version >= 3 ? data[0x189] : null,
            CpuidStepping = version >= 3 ? data[0x18A] : null,
            ChipId = data.Slice(0x1A0, 64).ToArray(),
            CommittedTcb = new TcbVersion(U64(data, 0x1E0)),
            CurrentVersion = new FirmwareVersion(Major: data[0x1EA], Minor: data[0x1E9], Build: data[0x1E8]),
            CommittedVersion = new FirmwareVersion(Major: data[0x1EE], Minor: data[0x1ED], Build: data[0x1EC]),
            LaunchTcb = new TcbVersion(U64(data, 0x1F0)),
            LaunchMitVector = version >= 5 ? U64(data, 0x1F8) : null,
            CurrentMitVector = version >= 5 ? U64(data, 0x200) : null,
            SignatureR = data.Slice(0x2A0, ScalarLength).ToArray(),
            SignatureS = data.Slice(0x2E8, ScalarLength).ToArray(),
        };
    }

    /// <summary>
    /// The report held at the start of a report file. Tools that save a report may append their request data
    /// (Constellation, Cocos), so a file longer than a report is read for its first 1184 bytes, as go-sev-guest
    /// reads one; a shorter file is returned whole for <see cref="Parse"/> to refuse. Only files are read this way:
    /// evidence on the wire must be exactly one report, because bytes after it are covered by no signature.
    /// </summary>
    public static ReadOnlyMemory<byte> FromFile(ReadOnlyMemory<byte> contents) =>
        contents.Length > Size ? contents[..Size] : contents;

    /// <summary>Writes the report's 1184 bytes (the inverse of <see cref="Parse"/>).</summary>
    /// <exception cref="SnpFormatException">A field has the wrong length or cannot be represented in this version.</exception>
    public byte[] ToBytes()
    {
        var data = new byte[Size];
        WriteTo(data);
        return data;
    }

    /// <summary>Writes the report into <paramref name="destination"/> (at least 1184 bytes).</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new SnpFormatException($"The destination holds {destination.Length} bytes; a report needs {Size}.");
        }

        var data = destination[..Size];
        data.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(data[0x000..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(data[0x004..], GuestSvn);
        BinaryPrimitives.WriteUInt64LittleEndian(data[0x008..], Policy.Raw);
        Put(data, 0x010, FamilyId, 16, nameof(FamilyId));
        Put(data, 0x020, ImageId, 16, nameof(ImageId));
        BinaryPrimitives.WriteUInt32LittleEndian(data[0x030..], Vmpl);
        BinaryPrimitives.WriteUInt32LittleEndian(data[0x034..], SignatureAlgorithm);
        BinaryPrimitives.WriteUInt64LittleEndian(data[0x038..], CurrentTcb.Raw);
        BinaryPrimitives.WriteUInt64LittleEndian(data[0x040..], PlatformInfo.Raw);
        BinaryPrimitives.WriteUInt32LittleEndian(data[0x048..], KeyInfo.Raw);
        Put(data, 0x050, ReportData, 64, nameof(ReportData));
        Put(data, 0x090, Measurement, 48, nameof(Measurement));
        Put(data, 0x0C0, HostData, 32, nameof(HostData));
        Put(data, 0x0E0, IdKeyDigest, 48, nameof(IdKeyDigest));
        Put(data, 0x110, AuthorKeyDigest, 48, nameof(AuthorKeyDigest));
        Put(data, 0x140, ReportId, 32, nameof(ReportId));
        Put(data, 0x160, ReportIdMa, 32, nameof(ReportIdMa));
        BinaryPrimitives.WriteUInt64LittleEndian(data[0x180..], ReportedTcb.Raw);
        if (Version >= 3)
        {
            data[0x188] = CpuidFamily ?? 0;
            data[0x189] = CpuidModel ?? 0;
            data[0x18A] = CpuidStepping ?? 0;
        }
        else if (CpuidFamily is not null || CpuidModel is not null || CpuidStepping is not null)
        {
            throw new SnpFormatException("A version 2 report has no CPUID fields.");
        }

        Put(data, 0x1A0, ChipId, 64, nameof(ChipId));
        BinaryPrimitives.WriteUInt64LittleEndian(data[0x1E0..], CommittedTcb.Raw);
        data[0x1E8] = CurrentVersion.Build;
        data[0x1E9] = CurrentVersion.Minor;
        data[0x1EA] = CurrentVersion.Major;
        data[0x1EC] = CommittedVersion.Build;
        data[0x1ED] = CommittedVersion.Minor;
        data[0x1EE] = CommittedVersion.Major;
        BinaryPrimitives.WriteUInt64LittleEndian(data[0x1F0..], LaunchTcb.Raw);
        if (Version >= 5)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(data[0x1F8..], LaunchMitVector ?? 0);
            BinaryPrimitives.WriteUInt64LittleEndian(data[0x200..], CurrentMitVector ?? 0);
        }
        else if (LaunchMitVector is not null || CurrentMitVector is not null)
        {
            throw new SnpFormatException("Mitigation vectors exist only from report version 5.");
        }

        Put(data, 0x2A0, SignatureR, ScalarLength, nameof(SignatureR));
        Put(data, 0x2E8, SignatureS, ScalarLength, nameof(SignatureS));
    }

    private static uint U32(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);

    private static ulong U64(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(data[offset..]);

    private static void RequireZero(ReadOnlySpan<byte> data, int offset, int length, string what)
    {
        if (data.Slice(offset, length).ContainsAnyExcept((byte)0))
        {
            throw new SnpFormatException($"The must-be-zero range {what} (0x{offset:x3}, {length} bytes) is not zero.");
        }
    }

    private static void Put(Span<byte> data, int offset, byte[]? value, int length, string field)
    {
        if (value is null || value.Length != length)
        {
            throw new SnpFormatException($"{field} must be {length} bytes; got {value?.Length ?? 0}.");
        }

        value.CopyTo(data[offset..]);
    }
}
