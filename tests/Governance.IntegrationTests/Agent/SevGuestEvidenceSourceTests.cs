using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Governance.GuestEvidence;

namespace Governance.IntegrationTests.Agent;

public sealed class SevGuestEvidenceSourceTests
{
    [Fact]
    public void The_ioctl_structures_have_the_kernels_sizes_and_offsets()
    {
        Assert.Equal(96, Marshal.SizeOf<SevGuestAbi.ReportRequest>());
        Assert.Equal(64, (int)Marshal.OffsetOf<SevGuestAbi.ReportRequest>(nameof(SevGuestAbi.ReportRequest.Vmpl)));
        Assert.Equal(112, Marshal.SizeOf<SevGuestAbi.ExtendedReportRequest>());
        Assert.Equal(96, (int)Marshal.OffsetOf<SevGuestAbi.ExtendedReportRequest>(nameof(SevGuestAbi.ExtendedReportRequest.CertificatesAddress)));
        Assert.Equal(104, (int)Marshal.OffsetOf<SevGuestAbi.ExtendedReportRequest>(nameof(SevGuestAbi.ExtendedReportRequest.CertificatesLength)));
        Assert.Equal(32, Marshal.SizeOf<SevGuestAbi.GuestRequestIoctl>());
        Assert.Equal(8, (int)Marshal.OffsetOf<SevGuestAbi.GuestRequestIoctl>(nameof(SevGuestAbi.GuestRequestIoctl.RequestData)));
        Assert.Equal(24, (int)Marshal.OffsetOf<SevGuestAbi.GuestRequestIoctl>(nameof(SevGuestAbi.GuestRequestIoctl.ExitInfo2)));
    }

    [Fact]
    public void The_request_codes_match_linux_sev_guest_h()
    {
        Assert.Equal(0xC0205300u, SevGuestAbi.SnpGetReport);
        Assert.Equal(0xC0205302u, SevGuestAbi.SnpGetExtReport);
    }

    [Fact]
    public void The_report_follows_the_0x20_byte_response_header()
    {
        var response = new byte[SevGuestAbi.ReportResponseSize];
        BinaryPrimitives.WriteUInt32LittleEndian(response.AsSpan(4), 0x4A0);
        response[0x20] = 0x03;
        response[0x20 + 0x49F] = 0xAB;
        var report = SevGuestAbi.ParseReportResponse(response);
        Assert.Equal(0x4A0, report.Length);
        Assert.Equal(0x03, report[0]);
        Assert.Equal(0xAB, report[^1]);
    }

    [Fact]
    public void A_firmware_status_is_reported()
    {
        var response = new byte[SevGuestAbi.ReportResponseSize];
        BinaryPrimitives.WriteUInt32LittleEndian(response, 0x16);
        var error = Assert.Throws<EvidenceUnavailableException>(() => SevGuestAbi.ParseReportResponse(response));
        Assert.Contains("status 0x16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_size_beyond_the_response_is_refused()
    {
        var response = new byte[SevGuestAbi.ReportResponseSize];
        BinaryPrimitives.WriteUInt32LittleEndian(response.AsSpan(4), 5000);
        Assert.Throws<EvidenceUnavailableException>(() => SevGuestAbi.ParseReportResponse(response));
    }

    [Fact]
    public void Exit_info_splits_into_firmware_and_vmm_errors()
    {
        Assert.Equal((0x16u, SevGuestAbi.VmmErrorInvalidLength), SevGuestAbi.SplitExitInfo(((ulong)SevGuestAbi.VmmErrorInvalidLength << 32) | 0x16));
    }

    [Fact]
    public async Task No_device_gives_a_clear_message()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-sev-guest-" + Guid.NewGuid().ToString("N"));
        var error = await Assert.ThrowsAsync<EvidenceUnavailableException>(() =>
            new SevGuestEvidenceSource(path).GetReportAsync(new byte[64], CancellationToken.None));
        Assert.Contains($"{path} does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("sev-guest driver", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_names_both_paths_when_neither_exists()
    {
        var root = Path.Combine(Path.GetTempPath(), "nothing-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<EvidenceUnavailableException>(() =>
            EvidenceSources.Select(EvidenceSources.Auto, Path.Combine(root, "tsm"), Path.Combine(root, "sev-guest")));
        Assert.Contains(Path.Combine(root, "tsm"), error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(root, "sev-guest"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_prefers_configfs_when_present()
    {
        var tsm = Directory.CreateTempSubdirectory("tsm-").FullName;
        try
        {
            Assert.IsType<ConfigfsTsmEvidenceSource>(EvidenceSources.Select(EvidenceSources.Auto, tsm, "/nonexistent/sev-guest"));
        }
        finally
        {
            Directory.Delete(tsm);
        }
    }
}
