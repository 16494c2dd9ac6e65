namespace Governance.GuestEvidence.Tpm;

/// <summary>
/// The Linux TPM resource manager device (<c>/dev/tpmrm0</c>): one write of the command, one read of the response.
/// The kernel hands back the whole response to a read with room for it, so the buffer is the largest response
/// accepted; the response's own header is checked by the caller.
/// </summary>
public sealed class TpmDeviceTransport : ITpmTransport
{
    public const string DefaultPath = "/dev/tpmrm0";

    private readonly FileStream device;

    private TpmDeviceTransport(FileStream device, string path)
    {
        this.device = device;
        Name = path;
    }

    public string Name { get; }

    /// <exception cref="TpmException">The device does not exist or cannot be opened.</exception>
    public static TpmDeviceTransport Open(string path)
    {
        try
        {
            return new TpmDeviceTransport(new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0), path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new TpmException(
                $"cannot open {path}: {exception.Message} (is this a VM with a vTPM, and may this user use it? root or the tss group is usually needed)", exception);
        }
    }

    public async Task<byte[]> ExecuteAsync(byte[] command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var code = (TpmCommandCode)BinaryPrimitives.ReadUInt32BigEndian(command.AsSpan(6));
        try
        {
            await device.WriteAsync(command, cancellationToken);
            var buffer = new byte[TpmConstants.MaxResponseSize];
            var read = await device.ReadAsync(buffer, cancellationToken);
            return buffer[..read];
        }
        catch (IOException exception)
        {
            throw new TpmException(code, $"{Name}: {exception.Message}", exception);
        }
    }

    public ValueTask DisposeAsync() => device.DisposeAsync();
}
