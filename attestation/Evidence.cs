namespace Governance.Attestation;

/// <summary>Attestation evidence presented by a clean room.</summary>
public abstract record Evidence;

/// <summary>
/// A raw SEV-SNP report (1184 bytes). <paramref name="Certificates"/>: the VCEK/VLEK in PEM or DER, a PEM
/// bundle, a certificate-table blob (extended report / configfs-tsm auxblob), Azure THIM JSON, or null to fetch
/// the VCEK (unless offline).
/// </summary>
public sealed record SnpEvidence(byte[] Report, byte[]? Certificates) : Evidence;

/// <summary>An Azure confidential VM HCL report (vTPM NV 0x01400001) with optional certificates as for <see cref="SnpEvidence"/>.</summary>
public sealed record AzureCvmEvidence(byte[] HclReport, byte[]? Certificates) : Evidence;

/// <summary>A Microsoft Azure Attestation token (compact JWS) for an SEV-SNP VM.</summary>
public sealed record MaaTokenEvidence(string Token) : Evidence;
