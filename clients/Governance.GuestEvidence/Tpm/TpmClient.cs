namespace Governance.GuestEvidence.Tpm;

/// <summary>
/// The TPM 2.0 NV commands (Library Part 3) the clean room needs to ask a vTPM for a report: TPM2_GetCapability for
/// TPM_PT_NV_BUFFER_MAX, TPM2_NV_ReadPublic, TPM2_NV_Read and TPM2_NV_Write in chunks no larger than that, and
/// TPM2_NV_DefineSpace for an index the guest owns. Authorization is the password session with an empty password.
/// </summary>
public sealed class TpmClient(ITpmTransport transport)
{
    /// <summary>Below this the TPM's buffer size is not believed (the specification's minimum is 512 on PC clients).</summary>
    private const uint MinimumNvBuffer = 64;

    private const int MaxAttempts = 16;
    private const uint ResponseRetry = 0x922;
    private const uint ResponseYielded = 0x908;

    private ushort? nvBufferMax;

    public string Name => transport.Name;

    /// <summary>TPM_PT_NV_BUFFER_MAX: the most bytes one NV_Read or NV_Write moves.</summary>
    public async Task<ushort> GetNvBufferMaxAsync(CancellationToken cancellationToken)
    {
        if (nvBufferMax is { } known)
        {
            return known;
        }

        var command = new TpmCommandBuilder(TpmCommandCode.GetCapability, passwordSession: false)
            .AddUInt32(TpmConstants.CapabilityTpmProperties).AddUInt32(TpmConstants.PropertyNvBufferMax).AddUInt32(1);
        var response = await ExecuteAsync(command, cancellationToken);
        var reader = new TpmResponseReader(response, TpmCommandCode.GetCapability, hasSessions: false);
        _ = reader.ReadByte();
        var capability = reader.ReadUInt32();
        var count = reader.ReadUInt32();
        var property = count >= 1 ? reader.ReadUInt32() : 0;
        var value = count >= 1 ? reader.ReadUInt32() : 0;
        if (capability != TpmConstants.CapabilityTpmProperties || property != TpmConstants.PropertyNvBufferMax || value is < MinimumNvBuffer or > ushort.MaxValue)
        {
            throw new TpmException(TpmCommandCode.GetCapability, $"the TPM did not report a usable TPM_PT_NV_BUFFER_MAX (property 0x{property:x}, value {value}).");
        }

        nvBufferMax = (ushort)value;
        return nvBufferMax.Value;
    }

    /// <summary>The index's public area.</summary>
    /// <exception cref="TpmException">The index does not exist (<see cref="TpmException.IsMissingHandle"/>), or the TPM failed.</exception>
    public async Task<TpmNvPublic> ReadPublicAsync(uint index, CancellationToken cancellationToken)
    {
        var response = await ExecuteAsync(new TpmCommandBuilder(TpmCommandCode.NvReadPublic, passwordSession: false, index), cancellationToken);
        var reader = new TpmResponseReader(response, TpmCommandCode.NvReadPublic, hasSessions: false);
        var area = reader.ReadStructure();
        var named = area.ReadUInt32();
        _ = area.ReadUInt16();
        var attributes = (TpmNvAttributes)area.ReadUInt32();
        _ = area.ReadSized();
        var size = area.ReadUInt16();
        if (named != index)
        {
            throw new TpmException(TpmCommandCode.NvReadPublic, $"asked for index 0x{index:x8}, the TPM described 0x{named:x8}.");
        }

        return new TpmNvPublic(index, attributes, size);
    }

    /// <summary>Defines an ordinary index of <paramref name="size"/> bytes, readable and writable with its own empty password or the owner's.</summary>
    public async Task DefineAsync(uint index, ushort size, CancellationToken cancellationToken)
    {
        const TpmNvAttributes attributes = TpmNvAttributes.OwnerWrite | TpmNvAttributes.AuthWrite | TpmNvAttributes.OwnerRead | TpmNvAttributes.AuthRead;
        var command = new TpmCommandBuilder(TpmCommandCode.NvDefineSpace, passwordSession: true, TpmConstants.OwnerHierarchy)
            .AddUInt16(0)
            .AddUInt16(4 + 2 + 4 + 2 + 2).AddUInt32(index).AddUInt16(TpmConstants.AlgorithmSha256).AddUInt32((uint)attributes).AddUInt16(0).AddUInt16(size);
        _ = new TpmResponseReader(await ExecuteAsync(command, cancellationToken), TpmCommandCode.NvDefineSpace, hasSessions: true);
    }

    /// <summary>The whole index, read in chunks of at most TPM_PT_NV_BUFFER_MAX bytes.</summary>
    /// <exception cref="TpmException">The index cannot be read with an empty password, or the TPM failed (e.g. never written).</exception>
    public async Task<byte[]> ReadAsync(TpmNvPublic index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        var authorization = index.ReadAuthorization
            ?? throw new TpmException(TpmCommandCode.NvRead, $"index 0x{index.Index:x8} is not readable with a password (attributes 0x{(uint)index.Attributes:x8}).");
        var chunk = await GetNvBufferMaxAsync(cancellationToken);
        var data = new byte[index.Size];
        for (var offset = 0; offset < data.Length;)
        {
            var length = (ushort)Math.Min(chunk, data.Length - offset);
            var command = new TpmCommandBuilder(TpmCommandCode.NvRead, passwordSession: true, authorization, index.Index)
                .AddUInt16(length).AddUInt16((ushort)offset);
            var reader = new TpmResponseReader(await ExecuteAsync(command, cancellationToken), TpmCommandCode.NvRead, hasSessions: true);
            var bytes = reader.ReadSized();
            if (bytes.Length != length)
            {
                throw new TpmException(TpmCommandCode.NvRead, $"asked for {length} bytes at offset {offset} of index 0x{index.Index:x8}, got {bytes.Length}.");
            }

            bytes.CopyTo(data.AsSpan(offset));
            offset += length;
        }

        return data;
    }

    /// <summary>Writes <paramref name="data"/> at the start of the index, in chunks of at most TPM_PT_NV_BUFFER_MAX bytes.</summary>
    public async Task WriteAsync(TpmNvPublic index, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        var authorization = index.WriteAuthorization
            ?? throw new TpmException(TpmCommandCode.NvWrite, $"index 0x{index.Index:x8} is not writable with a password (attributes 0x{(uint)index.Attributes:x8}).");
        if (data.Length > index.Size)
        {
            throw new TpmException(TpmCommandCode.NvWrite, $"{data.Length} bytes do not fit index 0x{index.Index:x8} ({index.Size} bytes).");
        }

        var chunk = await GetNvBufferMaxAsync(cancellationToken);
        for (var offset = 0; offset < data.Length;)
        {
            var length = Math.Min(chunk, data.Length - offset);
            var command = new TpmCommandBuilder(TpmCommandCode.NvWrite, passwordSession: true, authorization, index.Index)
                .AddSized(data.Span.Slice(offset, length)).AddUInt16((ushort)offset);
            _ = new TpmResponseReader(await ExecuteAsync(command, cancellationToken), TpmCommandCode.NvWrite, hasSessions: true);
            offset += length;
        }
    }

    /// <summary>
    /// Sends the command, again when the TPM answers TPM_RC_RETRY or TPM_RC_YIELDED (Part 2 §6.6.3: the command was
    /// not run and should be resubmitted), a bounded number of times.
    /// </summary>
    private async Task<byte[]> ExecuteAsync(TpmCommandBuilder command, CancellationToken cancellationToken)
    {
        var bytes = command.Build();
        for (var attempt = 1; ; attempt++)
        {
            var response = await transport.ExecuteAsync(bytes, cancellationToken);
            if (attempt == MaxAttempts || response.Length < TpmConstants.HeaderSize ||
                System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(response.AsSpan(6)) is not (ResponseRetry or ResponseYielded))
            {
                return response;
            }
        }
    }
}
