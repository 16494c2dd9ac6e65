namespace Governance.Attestation.AzureCvm;

/// <summary>How the paravisor hashed the runtime data into REPORT_DATA.</summary>
public enum HclHashType
{
    Sha256 = 1,
    Sha384 = 2,
    Sha512 = 3,
}

/// <summary>
/// The Azure confidential VM HCL report (vTPM NV index 0x01400001): a 0x20-byte "HCLA" header, the 1184-byte
/// SNP report at 0x20, the IGVM request data at 0x4C0 and the runtime-claims JSON at 0x4D4. The paravisor puts
/// the hash of the runtime data (exactly as stored) into REPORT_DATA; <see cref="RuntimeDataMatchesReport"/>
/// checks that binding.
/// </summary>
public sealed record HclReport
{
    public const uint HclaSignature = 0x414C4348;
    public const int ReportOffset = 0x20;
    public const int RequestDataOffset = ReportOffset + AttestationReport.Size;
    public const int VariableDataOffset = RequestDataOffset + 20;
    private const uint SnpRequestType = 2;
    private const int MaxVariableData = 1024 * 1024;

    public required uint HeaderVersion { get; init; }

    public required uint ReportSize { get; init; }

    public required uint RequestType { get; init; }

    public required uint Status { get; init; }

    /// <summary>The SNP report bytes (0x20..0x4C0).</summary>
    public required byte[] SnpReport { get; init; }

    public required uint RequestDataSize { get; init; }

    public required uint RequestDataVersion { get; init; }

    public required uint ReportType { get; init; }

    public required HclHashType HashType { get; init; }

    /// <summary>The runtime data exactly as stored (what REPORT_DATA hashes).</summary>
    public required byte[] RuntimeData { get; init; }

    /// <summary>The runtime JSON text (runtime data without trailing NUL padding).</summary>
    public required string RuntimeJson { get; init; }

    /// <summary>The top-level keys of the runtime JSON.</summary>
    public required IReadOnlyList<string> RuntimeKeys { get; init; }

    /// <summary>The runtime JSON's <c>user-data</c>: 64 bytes, or null when absent.</summary>
    public byte[]? UserData { get; init; }

    /// <exception cref="SnpFormatException">The bytes are not an SNP HCL report.</exception>
    public static HclReport Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < VariableDataOffset)
        {
            throw new SnpFormatException($"An HCL report is at least {VariableDataOffset} bytes; got {data.Length}.");
        }

        if (U32(data, 0) != HclaSignature)
        {
            throw new SnpFormatException("The HCL report does not start with the HCLA signature.");
        }

        var requestType = U32(data, 12);
        if (requestType != SnpRequestType)
        {
            throw new SnpFormatException($"HCL request type {requestType} is not SEV-SNP (2).");
        }

        var reportType = U32(data, RequestDataOffset + 8);
        if (reportType != SnpRequestType)
        {
            throw new SnpFormatException($"IGVM report type {reportType} is not SEV-SNP (2).");
        }

        var hashType = U32(data, RequestDataOffset + 12);
        if (hashType is < 1 or > 3)
        {
            throw new SnpFormatException($"IGVM report-data hash type {hashType} is unknown.");
        }

        var variableSize = U32(data, RequestDataOffset + 16);
        if (variableSize > MaxVariableData || VariableDataOffset + (long)variableSize > data.Length)
        {
            throw new SnpFormatException($"The HCL runtime data ({variableSize} bytes) runs past the end of the {data.Length}-byte report.");
        }

        var runtimeData = data.Slice(VariableDataOffset, (int)variableSize).ToArray();
        var (json, keys, userData) = ReadRuntimeJson(runtimeData);
        return new HclReport
        {
            HeaderVersion = U32(data, 4),
            ReportSize = U32(data, 8),
            RequestType = requestType,
            Status = U32(data, 16),
            SnpReport = data.Slice(ReportOffset, AttestationReport.Size).ToArray(),
            RequestDataSize = U32(data, RequestDataOffset),
            RequestDataVersion = U32(data, RequestDataOffset + 4),
            ReportType = reportType,
            HashType = (HclHashType)hashType,
            RuntimeData = runtimeData,
            RuntimeJson = json,
            RuntimeKeys = keys,
            UserData = userData,
        };
    }

    /// <summary>True when REPORT_DATA starts with the hash of the runtime data and is zero after it.</summary>
    public bool RuntimeDataMatchesReport(ReadOnlySpan<byte> reportData)
    {
        var hash = HashType switch
        {
            HclHashType.Sha256 => SHA256.HashData(RuntimeData),
            HclHashType.Sha384 => SHA384.HashData(RuntimeData),
            _ => SHA512.HashData(RuntimeData),
        };
        return reportData.Length == 64 &&
               CryptographicOperations.FixedTimeEquals(reportData[..hash.Length], hash) &&
               !reportData[hash.Length..].ContainsAnyExcept((byte)0);
    }

    private static (string Json, IReadOnlyList<string> Keys, byte[]? UserData) ReadRuntimeJson(byte[] runtimeData)
    {
        var text = runtimeData.AsSpan().TrimEnd((byte)0);
        if (!System.Text.Unicode.Utf8.IsValid(text))
        {
            throw new SnpFormatException("The HCL runtime data is not UTF-8.");
        }

        try
        {
            using var document = JsonDocument.Parse(text.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SnpFormatException("The HCL runtime data is not a JSON object.");
            }

            var keys = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            byte[]? userData = null;
            if (document.RootElement.TryGetProperty("user-data", out var value))
            {
                userData = DecodeUserData(value);
            }

            return (System.Text.Encoding.UTF8.GetString(text), keys, userData);
        }
        catch (JsonException e)
        {
            throw new SnpFormatException("The HCL runtime data is not valid JSON.", e);
        }
        catch (InvalidOperationException e)
        {
            throw new SnpFormatException("The HCL runtime data holds an undecodable JSON string.", e);
        }
    }

    private static byte[] DecodeUserData(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: 128 } hex)
        {
            throw new SnpFormatException("The runtime JSON's user-data must be 128 hex digits (64 bytes).");
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException e)
        {
            throw new SnpFormatException("The runtime JSON's user-data is not hex.", e);
        }
    }

    private static uint U32(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);
}
