using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Governance.GuestEvidence;

namespace Governance.IntegrationTests.Agent;

public sealed class SevGuestSealingKeySourceTests
{
    [Fact]
    public void The_derived_key_request_code_matches_linux_sev_guest_h()
    {
        // _IOWR('S', 0x1, struct snp_guest_request_ioctl): read|write in bits 31:30, the 32-byte size in 29:16.
        const uint expected = (3u << 30) | (32u << 16) | ((uint)'S' << 8) | 0x1;
        Assert.Equal(0xC0205301u, expected);
        Assert.Equal(expected, SevGuestAbi.SnpGetDerivedKey);
    }

    [Fact]
    public void The_key_structures_have_the_kernels_sizes_and_offsets()
    {
        Assert.Equal(32, Marshal.SizeOf<SevGuestAbi.DerivedKeyRequest>());
        Assert.Equal(8, (int)Marshal.OffsetOf<SevGuestAbi.DerivedKeyRequest>(nameof(SevGuestAbi.DerivedKeyRequest.GuestFieldSelect)));
        Assert.Equal(16, (int)Marshal.OffsetOf<SevGuestAbi.DerivedKeyRequest>(nameof(SevGuestAbi.DerivedKeyRequest.Vmpl)));
        Assert.Equal(20, (int)Marshal.OffsetOf<SevGuestAbi.DerivedKeyRequest>(nameof(SevGuestAbi.DerivedKeyRequest.GuestSvn)));
        Assert.Equal(24, (int)Marshal.OffsetOf<SevGuestAbi.DerivedKeyRequest>(nameof(SevGuestAbi.DerivedKeyRequest.TcbVersion)));
        Assert.Equal(64, Marshal.SizeOf<SevGuestAbi.DerivedKeyResponse>());
    }

    [Fact]
    public void The_request_selects_the_vcek_the_policy_and_the_measurement()
    {
        var request = SevGuestSealingKeySource.CreateRequest(vmpl: 2);
        var bytes = MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref request, 1)).ToArray();

        Assert.Equal(32, bytes.Length);
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(0b1001ul, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16)));
        Assert.All(bytes.AsSpan(4, 4).ToArray(), b => Assert.Equal(0, b));
        Assert.All(bytes.AsSpan(20).ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void The_key_follows_the_0x20_byte_response_header()
    {
        var response = new byte[SevGuestAbi.DerivedKeyResponseSize];
        response.AsSpan(4, 0x1C).Fill(0xEE);
        for (var i = 0; i < 32; i++)
        {
            response[0x20 + i] = (byte)(i + 1);
        }

        var key = SevGuestAbi.ParseDerivedKeyResponse(response);

        Assert.Equal(Enumerable.Range(1, 32).Select(i => (byte)i), key);
    }

    [Fact]
    public void A_firmware_status_is_reported_by_name()
    {
        var response = new byte[SevGuestAbi.DerivedKeyResponseSize];
        BinaryPrimitives.WriteUInt32LittleEndian(response, 0x16);
        response[0x20] = 0xAA;

        var error = Assert.Throws<EvidenceUnavailableException>(() => SevGuestAbi.ParseDerivedKeyResponse(response));

        Assert.Contains("status 0x16", error.Message, StringComparison.Ordinal);
        Assert.Contains("INVALID_PARAM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unnamed_firmware_status_is_still_reported()
    {
        var response = new byte[SevGuestAbi.DerivedKeyResponseSize];
        BinaryPrimitives.WriteUInt32LittleEndian(response, 0x5);

        var error = Assert.Throws<EvidenceUnavailableException>(() => SevGuestAbi.ParseDerivedKeyResponse(response));

        Assert.Contains("status 0x5)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_response_is_refused()
    {
        var error = Assert.Throws<EvidenceUnavailableException>(() =>
            SevGuestAbi.ParseDerivedKeyResponse(new byte[SevGuestAbi.DerivedKeyResponseSize - 1]));

        Assert.Contains("63 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_device_gives_a_clear_message()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-sev-guest-" + Guid.NewGuid().ToString("N"));
        var source = new SevGuestSealingKeySource(path);

        var error = await Assert.ThrowsAsync<EvidenceUnavailableException>(() => source.GetSealingKeyAsync(CancellationToken.None));

        Assert.Equal("sev-guest", source.Name);
        Assert.Contains($"{path} does not exist", error.Message, StringComparison.Ordinal);
    }
}
