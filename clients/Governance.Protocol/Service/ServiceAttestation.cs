namespace Governance.Protocol.Service;

/// <summary>
/// What a service in confidential mode says of itself: fresh SEV-SNP evidence whose REPORT_DATA binds the keys it
/// holds inside its VM, the build it runs, the consortium it serves and the caller's nonce
/// (<see cref="ServiceReportData"/>). The report and the certificate table that endorses it are base64.
/// </summary>
public sealed record ServiceAttestation(
    string Nonce,
    ServiceAttestedKeys Keys,
    string BuildVersion,
    string Consortium,
    string Report,
    string CertificateTable);

/// <summary>
/// The public halves of the keys the service made in memory: its identity key (ECDSA P-384), the keys that sign tree
/// heads and receipts (as published at <c>/keys</c>), and the key secrets may be encrypted to in transit (ECDH P-384).
/// </summary>
public sealed record ServiceAttestedKeys(ServiceJwk Identity, IReadOnlyList<ServiceJwk> Signing, ServiceJwk Transit);
