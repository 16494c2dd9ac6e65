namespace Governance.Attestation.Snp.Simulation;

/// <summary>
/// What an Azure confidential VM's paravisor does, for tests and demos: puts the SHA-256 of the runtime-claims
/// JSON into REPORT_DATA[0..32], has the simulated platform sign the report, and wraps both in an HCL report
/// (header version 2, SHA-256 runtime data) as vTPM NV index 0x01400001 holds it.
/// </summary>
public static class SimulatedHclReport
{
    /// <summary>An HCL report whose runtime JSON carries <paramref name="userData"/> (64 bytes, hex) as <c>user-data</c>.</summary>
    /// <param name="platform">The simulated platform that signs the report.</param>
    /// <param name="report">The report to sign; its REPORT_DATA is replaced by the runtime data's hash.</param>
    /// <param name="userData">The 64 bytes the guest binds, as the runtime data's <c>user-data</c>.</param>
    public static byte[] Create(SimulatedSnpPlatform platform, Snp.Abi.AttestationReport report, ReadOnlySpan<byte> userData)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(report);
        var runtime = Encoding.UTF8.GetBytes(
            $"{{\"keys\":[],\"vm-configuration\":{{\"console-enabled\":false,\"secure-boot\":true,\"tpm-enabled\":true}},\"user-data\":\"{Convert.ToHexString(userData)}\"}}");
        var reportData = new byte[64];
        SHA256.HashData(runtime).CopyTo(reportData, 0);
        return Wrap(platform.SignReport(report with { ReportData = reportData }), runtime);
    }

    /// <summary>Wraps a signed report and the runtime data exactly as given into an HCL report.</summary>
    public static byte[] Wrap(ReadOnlySpan<byte> signedReport, ReadOnlySpan<byte> runtime)
    {
        var blob = new byte[HclReport.VariableDataOffset + runtime.Length];
        var span = blob.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, HclReport.HclaSignature);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], 2);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)blob.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], 2);
        signedReport.CopyTo(span[HclReport.ReportOffset..]);
        var request = span[HclReport.RequestDataOffset..];
        BinaryPrimitives.WriteUInt32LittleEndian(request, (uint)(20 + runtime.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(request[4..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(request[8..], 2);
        BinaryPrimitives.WriteUInt32LittleEndian(request[12..], (uint)HclHashType.Sha256);
        BinaryPrimitives.WriteUInt32LittleEndian(request[16..], (uint)runtime.Length);
        runtime.CopyTo(span[HclReport.VariableDataOffset..]);
        return blob;
    }
}
