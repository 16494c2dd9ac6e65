namespace Governance.GuestEvidence;

/// <summary>
/// SEV-SNP extended reports through <c>/dev/sev-guest</c> (SNP_GET_EXT_REPORT ioctl), for kernels without
/// configfs-tsm. The certificate buffer is grown once when the host says it is too small.
/// </summary>
public sealed class SevGuestEvidenceSource(string devicePath = SevGuestEvidenceSource.DefaultPath, uint vmpl = 0) : IEvidenceSource
{
    public const string DefaultPath = "/dev/sev-guest";

    private const int InitialCertificatePages = 4;

    public async Task<CleanRoomEvidence> GetEvidenceAsync(ReadOnlyMemory<byte> binding, CancellationToken cancellationToken) =>
        await GetReportAsync(binding, cancellationToken);

    public string Name => "sev-guest";

    public string DevicePath { get; } = devicePath;

    public static bool IsPresent(string devicePath) => File.Exists(devicePath);

    /// <summary>A signed report whose REPORT_DATA is <paramref name="reportData"/> (64 bytes), with the certificates the host supplies.</summary>
    public Task<SnpHardwareEvidence> GetReportAsync(ReadOnlyMemory<byte> reportData, CancellationToken cancellationToken)
    {
        if (reportData.Length != 64)
        {
            throw new ArgumentException("REPORT_DATA is 64 bytes.", nameof(reportData));
        }

        SevGuestDevice.EnsurePresent(DevicePath);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(GetExtendedReport(reportData.Span));
    }

    private unsafe SnpHardwareEvidence GetExtendedReport(ReadOnlySpan<byte> reportData)
    {
        var fd = SevGuestDevice.Open(DevicePath);
        try
        {
            var certificatePages = InitialCertificatePages;
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var certificatesLength = (nuint)(certificatePages * SevGuestAbi.PageSize);
                var certificates = NativeMemory.AlignedAlloc(certificatesLength, SevGuestAbi.PageSize);
                var response = NativeMemory.AlignedAlloc(SevGuestAbi.ReportResponseSize, SevGuestAbi.PageSize);
                try
                {
                    NativeMemory.Clear(certificates, certificatesLength);
                    NativeMemory.Clear(response, SevGuestAbi.ReportResponseSize);
                    var request = new SevGuestAbi.ExtendedReportRequest
                    {
                        CertificatesAddress = (ulong)certificates,
                        CertificatesLength = (uint)certificatesLength,
                    };
                    request.Data.Vmpl = vmpl;
                    reportData.CopyTo(new Span<byte>(request.Data.UserData, 64));
                    var ioctl = new SevGuestAbi.GuestRequestIoctl
                    {
                        MessageVersion = SevGuestAbi.MessageVersion,
                        RequestData = (ulong)&request,
                        ResponseData = (ulong)response,
                    };

                    if (SevGuestDevice.Ioctl(fd, SevGuestAbi.SnpGetExtReport, &ioctl) == 0)
                    {
                        var report = SevGuestAbi.ParseReportResponse(new ReadOnlySpan<byte>(response, SevGuestAbi.ReportResponseSize));
                        var table = new ReadOnlySpan<byte>(certificates, (int)certificatesLength).ToArray();
                        return new SnpHardwareEvidence(report[..Math.Min(report.Length, SnpReportLayout.Size)], TrimTable(table), Name);
                    }

                    var errno = Marshal.GetLastPInvokeError();
                    var (firmware, vmm) = SevGuestAbi.SplitExitInfo(ioctl.ExitInfo2);
                    if (vmm == SevGuestAbi.VmmErrorInvalidLength && attempt == 0)
                    {
                        // The host wrote the length it needs into the request.
                        certificatePages = (int)((request.CertificatesLength + SevGuestAbi.PageSize - 1) / SevGuestAbi.PageSize);
                        continue;
                    }

                    throw new EvidenceUnavailableException(
                        $"sev-guest: SNP_GET_EXT_REPORT failed (errno {errno}, firmware error 0x{firmware:x}, VMM error 0x{vmm:x}).");
                }
                finally
                {
                    NativeMemory.AlignedFree(certificates);
                    NativeMemory.AlignedFree(response);
                }
            }

            throw new EvidenceUnavailableException("sev-guest: the host kept asking for a larger certificate buffer.");
        }
        finally
        {
            SevGuestDevice.Close(fd);
        }
    }

    /// <summary>
    /// The device hands back the whole page-sized buffer; a table without certificates, or one that does not hold
    /// together, is dropped so that the service fetches the endorsement key itself.
    /// </summary>
    internal static byte[] TrimTable(byte[] table) => SnpReportLayout.HoldsCertificates(table) ? table : [];
}
