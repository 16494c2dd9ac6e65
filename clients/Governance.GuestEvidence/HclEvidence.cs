namespace Governance.GuestEvidence;

/// <param name="HclReport">The HCL report from the vTPM, trimmed to its runtime data.</param>
/// <param name="Certificates">The VCEK chain the host publishes (Azure THIM JSON); empty when none was had, so the service fetches it.</param>
public sealed record HclEvidence(byte[] HclReport, byte[] Certificates, string Source) : CleanRoomEvidence(Source)
{
    public override string? BindingMismatch(ReadOnlySpan<byte> binding) =>
        HclReportLayout.UserData(HclReport) is { } userData && CryptographicOperations.FixedTimeEquals(userData, binding)
            ? null
            : "the HCL report's user-data is not the data written to the report request index 0x01400002: the paravisor did not make a fresh report for it (a stale report, or not an Azure confidential VM).";

    public override ReleaseEvidence ToReleaseEvidence(byte[]? manifest) =>
        new(ReleaseEvidence.AzureCvm, HclReport: Convert.ToBase64String(HclReport), Certificates: Base64OrNull(Certificates), Manifest: Base64OrNull(manifest));
}
