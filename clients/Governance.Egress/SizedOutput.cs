namespace Governance.Egress;

/// <summary>
/// An output with its size known before it is parsed: a seekable stream as it is; any other copied into memory up to
/// one byte past the largest size allowed, so an endless stream costs no more than that.
/// </summary>
internal sealed class SizedOutput : IDisposable
{
    private readonly MemoryStream? _copy;

    private SizedOutput(Stream stream, long length, bool exact, MemoryStream? copy)
    {
        Stream = stream;
        Length = length;
        Exact = exact;
        _copy = copy;
    }

    public Stream Stream { get; }

    /// <summary>The size, or for a stream that would not end, the one byte past the maximum that was read.</summary>
    public long Length { get; }

    /// <summary>Whether <see cref="Length"/> is the output's whole size.</summary>
    public bool Exact { get; }

    public static SizedOutput Open(Stream output, long maxBytes)
    {
        if (output.CanSeek)
        {
            return new SizedOutput(output, Math.Max(0, output.Length - output.Position), exact: true, copy: null);
        }

        var copy = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while (copy.Length <= maxBytes && (read = output.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes + 1 - copy.Length))) > 0)
        {
            copy.Write(buffer, 0, read);
        }

        var exact = copy.Length <= maxBytes;
        copy.Position = 0;
        return new SizedOutput(copy, copy.Length, exact, copy);
    }

    public void Dispose() => _copy?.Dispose();
}
