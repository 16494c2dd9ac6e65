namespace Governance.GuestEvidence;

/// <summary>
/// A sealing key the AMD secure processor derives from the chip's endorsement key, the guest policy and the launch
/// measurement, asked for through <c>/dev/sev-guest</c> (SNP_GET_DERIVED_KEY ioctl, MSG_KEY_REQ).
/// </summary>
public sealed class SevGuestSealingKeySource(string devicePath = SevGuestEvidenceSource.DefaultPath, uint vmpl = 0) : ISealingKeySource
{
    /// <summary>
    /// The policy and the measurement, so that another build, or this build launched under another policy (one that
    /// allows debugging, say), derives another key. Not the TCB version: a firmware update must not lock the service
    /// out of its own seal (the recovery shares remain for the cases where the key does change).
    /// </summary>
    public const ulong GuestFieldSelect = SevGuestAbi.GuestFieldPolicy | SevGuestAbi.GuestFieldMeasurement;

    public string Name => "sev-guest";

    public string DevicePath { get; } = devicePath;

    /// <summary>The VMPL mixed into the key; the firmware refuses one more privileged than the caller's.</summary>
    public uint Vmpl { get; } = vmpl;

    public Task<byte[]> GetSealingKeyAsync(CancellationToken cancellationToken)
    {
        SevGuestDevice.EnsurePresent(DevicePath);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(DeriveKey());
    }

    /// <summary>The MSG_KEY_REQ this source sends.</summary>
    internal static SevGuestAbi.DerivedKeyRequest CreateRequest(uint vmpl) => new()
    {
        RootKeySelect = SevGuestAbi.RootKeyVcek,
        GuestFieldSelect = GuestFieldSelect,
        Vmpl = vmpl,
    };

    private unsafe byte[] DeriveKey()
    {
        var response = default(SevGuestAbi.DerivedKeyResponse);
        var responseSpan = new Span<byte>(response.Data, SevGuestAbi.DerivedKeyResponseSize);
        var fd = SevGuestDevice.Open(DevicePath);
        try
        {
            var request = CreateRequest(Vmpl);
            var ioctl = new SevGuestAbi.GuestRequestIoctl
            {
                MessageVersion = SevGuestAbi.MessageVersion,
                RequestData = (ulong)&request,
                ResponseData = (ulong)&response,
            };

            if (SevGuestDevice.Ioctl(fd, SevGuestAbi.SnpGetDerivedKey, &ioctl) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                var (firmware, vmm) = SevGuestAbi.SplitExitInfo(ioctl.ExitInfo2);
                throw new EvidenceUnavailableException(
                    $"sev-guest: SNP_GET_DERIVED_KEY failed (errno {errno}, firmware error 0x{firmware:x}, VMM error 0x{vmm:x}).");
            }

            return SevGuestAbi.ParseDerivedKeyResponse(responseSpan);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(responseSpan);
            SevGuestDevice.Close(fd);
        }
    }
}
