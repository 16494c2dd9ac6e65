namespace Governance.GuestEvidence;

/// <summary>
/// The Linux sev-guest driver's ioctl interface (include/uapi/linux/sev-guest.h) and the firmware's
/// MSG_REPORT_RSP and MSG_KEY_RSP layouts, kept apart from the system calls so the marshalling can be checked anywhere.
/// </summary>
public static class SevGuestAbi
{
    /// <summary>Message version the driver expects in <see cref="GuestRequestIoctl.MessageVersion"/>.</summary>
    public const byte MessageVersion = 1;

    /// <summary>_IOWR('S', 0x0, struct snp_guest_request_ioctl).</summary>
    public static readonly uint SnpGetReport = IoWriteRead((byte)'S', 0x0, (uint)Marshal.SizeOf<GuestRequestIoctl>());

    /// <summary>_IOWR('S', 0x1, struct snp_guest_request_ioctl): SNP_GET_DERIVED_KEY.</summary>
    public static readonly uint SnpGetDerivedKey = IoWriteRead((byte)'S', 0x1, (uint)Marshal.SizeOf<GuestRequestIoctl>());

    /// <summary>_IOWR('S', 0x2, struct snp_guest_request_ioctl).</summary>
    public static readonly uint SnpGetExtReport = IoWriteRead((byte)'S', 0x2, (uint)Marshal.SizeOf<GuestRequestIoctl>());

    /// <summary>Size of struct snp_report_resp (the driver copies this many bytes back).</summary>
    public const int ReportResponseSize = 4000;

    /// <summary>MSG_REPORT_RSP: status (u32), report_size (u32), 24 reserved bytes, then the report.</summary>
    public const int ReportResponseHeaderSize = 0x20;

    /// <summary>Size of struct snp_derived_key_resp, which carries MSG_KEY_RSP.</summary>
    public const int DerivedKeyResponseSize = 64;

    /// <summary>MSG_KEY_RSP: status (u32) and 28 reserved bytes, then the derived key.</summary>
    public const int DerivedKeyOffset = 0x20;

    /// <summary>MSG_KEY_RSP's DERIVED_KEY is 256 bits.</summary>
    public const int DerivedKeySize = 32;

    /// <summary>MSG_KEY_REQ ROOT_KEY_SELECT (bit 0) clear: derive from the chip's versioned endorsement key.</summary>
    /// <remarks>
    /// Bits 2:1 of the same word (KEY_SEL, in revisions that know a VLEK) are left 0 as well, which there means the VLEK
    /// when the host has loaded one and the VCEK otherwise; firmware without KEY_SEL requires those bits to be zero.
    /// </remarks>
    public const uint RootKeyVcek = 0;

    /// <summary>MSG_KEY_REQ ROOT_KEY_SELECT (bit 0) set: derive from the VM root key, which migrates with the VM.</summary>
    public const uint RootKeyVmrk = 1;

    /// <summary>GUEST_FIELD_SELECT bit 0: mix in the guest policy.</summary>
    public const ulong GuestFieldPolicy = 1ul << 0;

    /// <summary>GUEST_FIELD_SELECT bit 1: mix in the image ID from the ID block.</summary>
    public const ulong GuestFieldImageId = 1ul << 1;

    /// <summary>GUEST_FIELD_SELECT bit 2: mix in the family ID from the ID block.</summary>
    public const ulong GuestFieldFamilyId = 1ul << 2;

    /// <summary>GUEST_FIELD_SELECT bit 3: mix in the launch measurement.</summary>
    public const ulong GuestFieldMeasurement = 1ul << 3;

    /// <summary>GUEST_FIELD_SELECT bit 4: mix in <see cref="DerivedKeyRequest.GuestSvn"/>.</summary>
    public const ulong GuestFieldGuestSvn = 1ul << 4;

    /// <summary>GUEST_FIELD_SELECT bit 5: mix in <see cref="DerivedKeyRequest.TcbVersion"/>.</summary>
    public const ulong GuestFieldTcbVersion = 1ul << 5;

    /// <summary>
    /// GUEST_FIELD_SELECT bit 6, in later revisions: mix in a launch mitigation vector, whose value field follows
    /// TCB_VERSION in MSG_KEY_REQ and so lies outside Linux's 32-byte struct snp_derived_key_req.
    /// </summary>
    public const ulong GuestFieldLaunchMitigationVector = 1ul << 6;

    /// <summary>The VMM's error in the upper half of exitinfo2 when the certificate buffer is too small.</summary>
    public const uint VmmErrorInvalidLength = 1;

    /// <summary>The VMM's error when the host is busy (the driver retries, but may give up).</summary>
    public const uint VmmErrorBusy = 2;

    public const int PageSize = 4096;

    /// <summary>Linux _IOC(_IOC_READ|_IOC_WRITE, type, nr, size) on x86.</summary>
    public static uint IoWriteRead(byte type, byte number, uint size) => (3u << 30) | (size << 16) | ((uint)type << 8) | number;

    /// <summary>The report from a MSG_REPORT_RSP, or an error naming the firmware status.</summary>
    public static byte[] ParseReportResponse(ReadOnlySpan<byte> response)
    {
        if (response.Length < ReportResponseHeaderSize)
        {
            throw new EvidenceUnavailableException("sev-guest: the report response is shorter than its header.");
        }

        var status = BinaryPrimitives.ReadUInt32LittleEndian(response);
        if (status != 0)
        {
            throw new EvidenceUnavailableException($"sev-guest: the firmware refused the report request (status 0x{status:x}; 0x16 means invalid parameters, e.g. a VMPL below the guest's).");
        }

        var size = BinaryPrimitives.ReadUInt32LittleEndian(response[4..]);
        if (size == 0 || size > response.Length - ReportResponseHeaderSize)
        {
            throw new EvidenceUnavailableException($"sev-guest: the report response claims {size} report bytes, which it does not hold.");
        }

        return response.Slice(ReportResponseHeaderSize, (int)size).ToArray();
    }

    /// <summary>
    /// The 32-byte key from a MSG_KEY_RSP (SEV-SNP Firmware ABI Specification, AMD 56860, "Key Derivation":
    /// table "MSG_KEY_RSP Message Structure" — STATUS at 0h, reserved 04h–1Fh, DERIVED_KEY at 20h–3Fh),
    /// or an error naming the firmware status.
    /// </summary>
    public static byte[] ParseDerivedKeyResponse(ReadOnlySpan<byte> response)
    {
        if (response.Length < DerivedKeyResponseSize)
        {
            throw new EvidenceUnavailableException(
                $"sev-guest: the derived-key response holds {response.Length} bytes, fewer than the {DerivedKeyResponseSize} of MSG_KEY_RSP.");
        }

        var status = BinaryPrimitives.ReadUInt32LittleEndian(response);
        if (status != 0)
        {
            throw new EvidenceUnavailableException($"sev-guest: the firmware refused the key request (status 0x{status:x}{DescribeKeyStatus(status)}).");
        }

        return response.Slice(DerivedKeyOffset, DerivedKeySize).ToArray();
    }

    /// <summary>Splits exitinfo2 into the firmware's and the VMM's error codes.</summary>
    public static (uint Firmware, uint Vmm) SplitExitInfo(ulong exitInfo2) => ((uint)exitInfo2, (uint)(exitInfo2 >> 32));

    private static string DescribeKeyStatus(uint status) => status switch
    {
        0x16 => ", INVALID_PARAM: e.g. a VMPL below the guest's, a reserved bit set, or a guest SVN or TCB above what is allowed",
        0x27 => ", INVALID_KEY: the selected root key is not available on this platform",
        _ => string.Empty,
    };

    /// <summary>
    /// struct snp_derived_key_req, the MSG_KEY_REQ the driver forwards (SEV-SNP Firmware ABI Specification, AMD 56860,
    /// "Key Derivation": tables "MSG_KEY_REQ Message Structure" and "GUEST_FIELD_SELECT").
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct DerivedKeyRequest
    {
        /// <summary><see cref="RootKeyVcek"/> or <see cref="RootKeyVmrk"/>.</summary>
        public uint RootKeySelect;
        public uint Reserved;
        /// <summary>The GUEST_FIELD_SELECT bits naming what is mixed into the key.</summary>
        public ulong GuestFieldSelect;
        /// <summary>Mixed into the key always; the firmware refuses one below the caller's own VMPL.</summary>
        public uint Vmpl;
        public uint GuestSvn;
        public ulong TcbVersion;
    }

    /// <summary>struct snp_derived_key_resp: the MSG_KEY_RSP the driver copies back.</summary>
    [StructLayout(LayoutKind.Sequential, Size = DerivedKeyResponseSize)]
    public unsafe struct DerivedKeyResponse
    {
        public fixed byte Data[DerivedKeyResponseSize];
    }

    /// <summary>struct snp_report_req: user_data[64], vmpl, 28 reserved bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 96)]
    public unsafe struct ReportRequest
    {
        public fixed byte UserData[64];
        public uint Vmpl;
        public fixed byte Reserved[28];
    }

    /// <summary>struct snp_ext_report_req: the report request, then the page-aligned certificate buffer and its length.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ExtendedReportRequest
    {
        public ReportRequest Data;
        public ulong CertificatesAddress;
        public uint CertificatesLength;
    }

    /// <summary>struct snp_guest_request_ioctl: message version, request and response addresses, exitinfo2.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct GuestRequestIoctl
    {
        public byte MessageVersion;
        public ulong RequestData;
        public ulong ResponseData;
        public ulong ExitInfo2;
    }
}
