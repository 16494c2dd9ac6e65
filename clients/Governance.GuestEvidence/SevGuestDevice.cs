namespace Governance.GuestEvidence;

/// <summary>
/// The system calls on <c>/dev/sev-guest</c> that the report and the derived-key requests share, with the failures
/// of each mapped to <see cref="EvidenceUnavailableException"/> in the same words.
/// </summary>
internal static partial class SevGuestDevice
{
    private const int OpenReadWrite = 2;

    /// <summary>Throws unless this is a Linux guest on which <paramref name="devicePath"/> exists.</summary>
    internal static void EnsurePresent(string devicePath)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new EvidenceUnavailableException("sev-guest: only Linux guests have /dev/sev-guest.");
        }

        if (!File.Exists(devicePath))
        {
            throw new EvidenceUnavailableException(
                $"sev-guest: {devicePath} does not exist (is this an SEV-SNP guest with the sev-guest driver loaded?).");
        }
    }

    /// <summary>A descriptor for the device, to be given back to <see cref="Close"/>.</summary>
    internal static int Open(string devicePath)
    {
        var fd = OpenNative(devicePath, OpenReadWrite);
        if (fd < 0)
        {
            throw new EvidenceUnavailableException($"sev-guest: cannot open {devicePath} (errno {Marshal.GetLastPInvokeError()}; root is usually needed).");
        }

        return fd;
    }

    internal static void Close(int fd) => _ = CloseNative(fd);

    /// <summary>The ioctl itself; on -1 the caller reads errno with <see cref="Marshal.GetLastPInvokeError"/> before any other call.</summary>
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static unsafe partial int Ioctl(int fd, nuint request, SevGuestAbi.GuestRequestIoctl* argument);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNative(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseNative(int fd);
}
