namespace Governance.GuestEvidence;

/// <summary>Where the clean room gets attestation evidence that carries the release binding.</summary>
public interface IEvidenceSource
{
    /// <summary>A short name for messages ("configfs-tsm", "sev-guest", "azure-cvm").</summary>
    string Name { get; }

    /// <summary>Evidence that binds <paramref name="binding"/> (64 bytes).</summary>
    /// <exception cref="EvidenceUnavailableException">None could be obtained here.</exception>
    Task<CleanRoomEvidence> GetEvidenceAsync(ReadOnlyMemory<byte> binding, CancellationToken cancellationToken);
}

/// <param name="Report">The raw 1184-byte ATTESTATION_REPORT.</param>
/// <param name="CertificateTable">The extended-report certificate table (GUID/offset/length entries); empty when the host supplied none.</param>
/// <param name="Source">Which source produced it.</param>
public sealed record SnpHardwareEvidence(byte[] Report, byte[] CertificateTable, string Source) : CleanRoomEvidence(Source)
{
    public override string? BindingMismatch(ReadOnlySpan<byte> binding) =>
        CryptographicOperations.FixedTimeEquals(SnpReportLayout.ReportData(Report), binding)
            ? null
            : "the report's REPORT_DATA is not the data asked for; the evidence source is not trustworthy.";

    public override ReleaseEvidence ToReleaseEvidence(byte[]? manifest) =>
        new(ReleaseEvidence.SevSnp, Report: Convert.ToBase64String(Report), Certificates: Base64OrNull(CertificateTable), Manifest: Base64OrNull(manifest));
}
