using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Governance.GuestEvidence;

/// <summary>
/// The Linux sev-guest driver's ioctl interface (include/uapi/linux/sev-guest.h) and the firmware's
/// MSG_REPORT_RSP layout, kept apart from the system calls so the marshalling can be checked anywhere.
/// </summary>
public static class SevGuestAbi
{
    /// <summary>Message version the driver expects in <see cref="GuestRequestIoctl.MessageVersion"/>.</summary>
    public const byte MessageVersion = 1;

    /// <summary>_IOWR('S', 0x0, struct snp_guest_request_ioctl).</summary>
    public static readonly uint SnpGetReport = IoWriteRead((byte)'S', 0x0, (uint)Marshal.SizeOf<GuestRequestIoctl>());

    /// <summary>_IOWR('S', 0x2, struct snp_guest_request_ioctl).</summary>
    public static readonly uint SnpGetExtReport = IoWriteRead((byte)'S', 0x2, (uint)Marshal.SizeOf<GuestRequestIoctl>());

    /// <summary>Size of struct snp_report_resp (the driver copies this many bytes back).</summary>
    public const int ReportResponseSize = 4000;

    /// <summary>MSG_REPORT_RSP: status (u32), report_size (u32), 24 reserved bytes, then the report.</summary>
    public const int ReportResponseHeaderSize = 0x20;

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

    /// <summary>Splits exitinfo2 into the firmware's and the VMM's error codes.</summary>
    public static (uint Firmware, uint Vmm) SplitExitInfo(ulong exitInfo2) => ((uint)exitInfo2, (uint)(exitInfo2 >> 32));

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
