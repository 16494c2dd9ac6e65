namespace Governance.GuestEvidence.Tpm;

/// <summary>
/// Builds one TPM 2.0 command (Part 1 §18: big-endian header tag, commandSize, commandCode; then the handles, the
/// authorization area when the command takes one, and the parameters). The only session used is TPM_RS_PW with an
/// empty password, which is how Azure's paravisor lets the guest use its report indices.
/// </summary>
internal sealed class TpmCommandBuilder
{
    private readonly List<byte> bytes = new(64);
    private readonly bool sessions;

    public TpmCommandBuilder(TpmCommandCode code, bool passwordSession, params ReadOnlySpan<uint> handles)
    {
        sessions = passwordSession;
        AddUInt16(passwordSession ? TpmConstants.TagSessions : TpmConstants.TagNoSessions);
        AddUInt32(0);
        AddUInt32((uint)code);
        foreach (var handle in handles)
        {
            AddUInt32(handle);
        }

        if (passwordSession)
        {
            // authorizationSize, then TPMS_AUTH_COMMAND: TPM_RS_PW, empty nonce, no attributes, empty password.
            AddUInt32(4 + 2 + 1 + 2);
            AddUInt32(TpmConstants.PasswordSession);
            AddUInt16(0);
            bytes.Add(0);
            AddUInt16(0);
        }
    }

    /// <summary>Whether the command carries an authorization area (its response then has a parameterSize).</summary>
    public bool HasSessions => sessions;

    public TpmCommandBuilder AddUInt16(ushort value)
    {
        Span<byte> buffer = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(buffer, value);
        bytes.AddRange(buffer);
        return this;
    }

    public TpmCommandBuilder AddUInt32(uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(buffer, value);
        bytes.AddRange(buffer);
        return this;
    }

    /// <summary>A TPM2B: a 16-bit size, then the bytes.</summary>
    public TpmCommandBuilder AddSized(ReadOnlySpan<byte> value)
    {
        AddUInt16(checked((ushort)value.Length));
        bytes.AddRange(value);
        return this;
    }

    public byte[] Build()
    {
        var command = bytes.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(command.AsSpan(2), (uint)command.Length);
        return command;
    }
}
