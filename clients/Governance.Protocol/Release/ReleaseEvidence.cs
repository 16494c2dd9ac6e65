namespace Governance.Protocol.Release;

/// <summary>
/// Attestation evidence of the clean room, one of three types. Byte fields are standard base64.
/// </summary>
/// <param name="Type"><c>sev-snp</c>, <c>azure-cvm</c> or <c>maa-token</c>.</param>
/// <param name="Report">sev-snp: the raw 1184-byte attestation report.</param>
/// <param name="Certificates">The endorsement certificates (VCEK/VLEK chain, PEM or the SNP certificate table) if the VM has them.</param>
/// <param name="HclReport">azure-cvm: the HCL report read from the vTPM.</param>
/// <param name="Token">maa-token: the Azure Attestation token.</param>
/// <param name="Manifest">For custom runtimes: the launch manifest (ACI confidential container policy or a JSON manifest) whose SHA-256 is HOST_DATA.</param>
public sealed record ReleaseEvidence(
    string Type,
    string? Report = null,
    string? Certificates = null,
    string? HclReport = null,
    string? Token = null,
    string? Manifest = null)
{
    public const string SevSnp = "sev-snp";
    public const string AzureCvm = "azure-cvm";
    public const string MaaToken = "maa-token";
}
