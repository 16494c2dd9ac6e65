namespace Governance.Attestation.Snp.Simulation;

/// <summary>A simulated VCEK or VLEK: its certificate and its P-384 private key.</summary>
public sealed class SimulatedEndorsementKey(SigningKeyKind kind, X509Certificate2 certificate, ECDsa privateKey) : IDisposable
{
    public SigningKeyKind Kind { get; } = kind;

    public X509Certificate2 Certificate { get; } = certificate;

    public ECDsa PrivateKey { get; } = privateKey;

    /// <summary>The certificate as PEM bytes (what <see cref="SnpEvidence.Certificates"/> accepts).</summary>
    public byte[] CertificatePem => System.Text.Encoding.ASCII.GetBytes(Certificate.ExportCertificatePem());

    public void Dispose()
    {
        PrivateKey.Dispose();
        Certificate.Dispose();
    }
}
