namespace Governance.Attestation.Snp.Verify;

/// <summary>A VCEK or VLEK whose chain to a trusted ARK has been verified.</summary>
public sealed class VerifiedEndorsementKey
{
    internal VerifiedEndorsementKey(SnpTrustRoot root, string intermediateSerial, SigningKeyKind kind, ECDsa publicKey, VekExtensions extensions, byte[] certificateSha256, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        Root = root;
        IntermediateSerial = intermediateSerial;
        Product = root.Product;
        Kind = kind;
        PublicKey = publicKey;
        Extensions = extensions;
        CertificateSha256 = certificateSha256;
        ArkSha256 = root.ArkSha256;
        BuiltInRoot = root.BuiltIn;
        NotBefore = notBefore;
        NotAfter = notAfter;
    }

    public SnpProduct Product { get; }

    /// <summary>The root the chain ends at.</summary>
    public SnpTrustRoot Root { get; }

    /// <summary>Serial of the ASK or ASVK that signed the key, as <see cref="RevocationList.SerialKey"/> spells it.</summary>
    public string IntermediateSerial { get; }

    public SigningKeyKind Kind { get; }

    /// <summary>The VEK's P-384 public key (shared; verification only).</summary>
    public ECDsa PublicKey { get; }

    public VekExtensions Extensions { get; }

    public byte[] CertificateSha256 { get; }

    public byte[] ArkSha256 { get; }

    /// <summary>True when the chain ends at a pinned AMD root rather than an extra configured one.</summary>
    public bool BuiltInRoot { get; }

    /// <summary>Latest notBefore across the chain.</summary>
    public DateTimeOffset NotBefore { get; }

    /// <summary>Earliest notAfter across the chain.</summary>
    public DateTimeOffset NotAfter { get; }
}
