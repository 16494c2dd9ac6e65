namespace Governance.Agent.Evidence;

/// <summary>Where the clean room gets an SEV-SNP attestation report carrying chosen REPORT_DATA.</summary>
public interface IEvidenceSource
{
    /// <summary>A short name for messages ("configfs-tsm", "sev-guest").</summary>
    string Name { get; }

    /// <summary>A signed report whose REPORT_DATA is <paramref name="reportData"/> (64 bytes), with the certificates the host supplies.</summary>
    Task<SnpHardwareEvidence> GetReportAsync(ReadOnlyMemory<byte> reportData, CancellationToken cancellationToken);
}

/// <param name="Report">The raw 1184-byte ATTESTATION_REPORT.</param>
/// <param name="CertificateTable">The extended-report certificate table (GUID/offset/length entries); empty when the host supplied none.</param>
/// <param name="Source">Which source produced it.</param>
public sealed record SnpHardwareEvidence(byte[] Report, byte[] CertificateTable, string Source);
