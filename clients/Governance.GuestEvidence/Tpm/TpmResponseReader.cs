namespace Governance.GuestEvidence.Tpm;

/// <summary>
/// Reads a TPM response's parameters. Every length comes from the TPM and is checked against the bytes actually
/// received before it is used, so a faulty or hostile TPM (or whatever sits on a TCP address) gives a
/// <see cref="TpmException"/>, never an out-of-range read or an allocation it chose.
/// </summary>
internal ref struct TpmResponseReader
{
    private readonly ReadOnlySpan<byte> data;
    private readonly TpmCommandCode command;
    private int position;

    /// <summary>Checks the header and the response code; positions the reader at the command's parameters.</summary>
    /// <param name="hasSessions">Whether the command carried an authorization area (the parameters then start with parameterSize).</param>
    public TpmResponseReader(ReadOnlySpan<byte> response, TpmCommandCode command, bool hasSessions)
    {
        this.command = command;
        if (response.Length < TpmConstants.HeaderSize)
        {
            throw new TpmException(command, $"the TPM answered {response.Length} bytes, less than a response header.");
        }

        var tag = BinaryPrimitives.ReadUInt16BigEndian(response);
        var size = BinaryPrimitives.ReadUInt32BigEndian(response[2..]);
        var code = BinaryPrimitives.ReadUInt32BigEndian(response[6..]);
        if (size != response.Length || tag is not (TpmConstants.TagNoSessions or TpmConstants.TagSessions))
        {
            throw new TpmException(command, $"the response is malformed (tag 0x{tag:x4}, size {size} for {response.Length} bytes).");
        }

        if (code != 0)
        {
            throw new TpmException(command, code);
        }

        data = response;
        position = TpmConstants.HeaderSize;
        if (hasSessions && tag == TpmConstants.TagSessions)
        {
            // parameterSize bounds the parameters; the response authorization area after them is not needed.
            var parameters = ReadUInt32();
            if (parameters > (uint)(data.Length - position))
            {
                throw new TpmException(command, $"the response claims {parameters} parameter bytes, more than it holds.");
            }

            data = data[..(position + (int)parameters)];
        }
    }

    private TpmResponseReader(ReadOnlySpan<byte> structure, TpmCommandCode command)
    {
        data = structure;
        this.command = command;
    }

    public byte ReadByte() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    /// <summary>A TPM2B: its 16-bit size, checked against what is left, then that many bytes.</summary>
    public ReadOnlySpan<byte> ReadSized() => Take(ReadUInt16());

    /// <summary>A sized structure (TPM2B around a structure), walked by a reader bounded to it.</summary>
    public TpmResponseReader ReadStructure() => new(ReadSized(), command);

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > data.Length - position)
        {
            throw new TpmException(command, $"the response ends {count - (data.Length - position)} bytes short of what it declares.");
        }

        var slice = data.Slice(position, count);
        position += count;
        return slice;
    }
}
