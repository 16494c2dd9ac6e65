namespace Governance.GuestEvidence.Tpm;

/// <summary>
/// TPM commands over a byte stream, as a software TPM's command port takes them (swtpm <c>--server type=tcp</c>):
/// the raw command, then the raw response, whose header gives its length. The length is bounded before the rest is
/// read.
/// </summary>
public sealed class TpmStreamTransport(Stream stream, string name) : ITpmTransport
{
    public string Name { get; } = name;

    /// <summary>Connects to a software TPM's command port.</summary>
    public static async Task<TpmStreamTransport> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
        }
        catch (SocketException exception)
        {
            socket.Dispose();
            throw new TpmException($"cannot connect to the TPM at tcp:{endpoint}: {exception.Message}", exception);
        }

        return new TpmStreamTransport(new NetworkStream(socket, ownsSocket: true), $"tcp:{endpoint}");
    }

    public async Task<byte[]> ExecuteAsync(byte[] command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var code = (TpmCommandCode)BinaryPrimitives.ReadUInt32BigEndian(command.AsSpan(6));
        try
        {
            await stream.WriteAsync(command, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            return await ReadFrameAsync(stream, code, cancellationToken);
        }
        catch (IOException exception)
        {
            throw new TpmException(code, $"the connection to {Name} failed: {exception.Message}", exception);
        }
    }

    /// <summary>One command or response frame: the 10-byte header, then as many bytes as it declares (bounded).</summary>
    /// <exception cref="EndOfStreamException">The stream ended before the frame did.</exception>
    public static async Task<byte[]> ReadFrameAsync(Stream stream, TpmCommandCode command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[TpmConstants.HeaderSize];
        await stream.ReadExactlyAsync(header, cancellationToken);
        var size = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(2));
        if (size is < TpmConstants.HeaderSize or > TpmConstants.MaxResponseSize)
        {
            throw new TpmException(command, $"the frame declares {size} bytes, outside {TpmConstants.HeaderSize}..{TpmConstants.MaxResponseSize}.");
        }

        var frame = new byte[size];
        header.CopyTo(frame, 0);
        await stream.ReadExactlyAsync(frame.AsMemory(TpmConstants.HeaderSize), cancellationToken);
        return frame;
    }

    public ValueTask DisposeAsync() => stream.DisposeAsync();
}
