namespace Governance.GuestEvidence;

/// <summary>
/// The few facts of an Azure confidential VM's HCL report (vTPM NV index 0x01400001) the agent needs to hand it on:
/// the "HCLA" header, the SNP report at 0x20, the IGVM request data at 0x4C0 whose last word is the runtime data's
/// length, and the runtime-claims JSON at 0x4D4 whose <c>user-data</c> carries the guest's 64 bytes. The service
/// verifies the report; the agent only finds where it ends and what user data it carries.
/// </summary>
public static class HclReportLayout
{
    public const int ReportOffset = 0x20;
    public const int VariableDataOffset = ReportOffset + SnpReportLayout.Size + 20;
    private const uint Signature = 0x414C4348;
    private const int VariableSizeOffset = VariableDataOffset - 4;

    /// <summary>The report without the NV index's padding after its runtime data.</summary>
    /// <exception cref="EvidenceUnavailableException">The bytes are not an HCL report, or its runtime data runs past them.</exception>
    public static byte[] Trim(ReadOnlySpan<byte> index)
    {
        if (index.Length < VariableDataOffset || BinaryPrimitives.ReadUInt32LittleEndian(index) != Signature)
        {
            throw new EvidenceUnavailableException($"azure-cvm: the vTPM's report index holds {index.Length} bytes that are not an HCL report (no HCLA header).");
        }

        var variable = BinaryPrimitives.ReadUInt32LittleEndian(index[VariableSizeOffset..]);
        if (variable > (uint)(index.Length - VariableDataOffset))
        {
            throw new EvidenceUnavailableException($"azure-cvm: the HCL report claims {variable} bytes of runtime data; the index holds {index.Length - VariableDataOffset} after its header.");
        }

        return index[..(VariableDataOffset + (int)variable)].ToArray();
    }

    /// <summary>The SEV-SNP report inside a trimmed HCL report.</summary>
    public static ReadOnlySpan<byte> SnpReport(ReadOnlySpan<byte> hclReport) => hclReport.Slice(ReportOffset, SnpReportLayout.Size);

    /// <summary>The runtime data (what the paravisor hashed into REPORT_DATA) of a trimmed HCL report.</summary>
    public static ReadOnlySpan<byte> RuntimeData(ReadOnlySpan<byte> hclReport) => hclReport[VariableDataOffset..];

    /// <summary>The runtime JSON's <c>user-data</c> (128 hex digits), or null when it has none that reads as 64 bytes.</summary>
    public static byte[]? UserData(ReadOnlySpan<byte> hclReport)
    {
        try
        {
            var reader = new Utf8JsonReader(RuntimeData(hclReport).TrimEnd((byte)0));
            using var runtime = JsonDocument.ParseValue(ref reader);
            return runtime.RootElement.ValueKind == JsonValueKind.Object
                   && runtime.RootElement.TryGetProperty("user-data", out var value)
                   && value.ValueKind == JsonValueKind.String
                   && value.GetString() is { Length: 128 } hex
                   && hex.All(char.IsAsciiHexDigit)
                ? Convert.FromHexString(hex)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
