namespace Governance.Attestation.Snp.Verify;

/// <summary>
/// One product's trust anchor: the ARK and the intermediates (ASK for VCEKs, ASVK for VLEKs) it signed.
/// The built-in AMD anchors come from <see cref="AmdRoots"/>; any other anchor must be passed explicitly in
/// <see cref="SnpVerificationOptions.ExtraTrustedRoots"/>.
/// </summary>
public sealed class SnpTrustRoot
{
    private SnpTrustRoot(SnpProduct product, X509Certificate2 ark, IReadOnlyList<X509Certificate2> intermediates, bool builtIn)
    {
        Product = product;
        Ark = ark;
        Intermediates = intermediates;
        BuiltIn = builtIn;
        ArkSha256 = SHA256.HashData(ark.RawData);
        ArkKey = ark.GetRSAPublicKey() ?? throw new ArgumentException("The ARK must hold an RSA key.", nameof(ark));
    }

    public SnpProduct Product { get; }

    public X509Certificate2 Ark { get; }

    /// <summary>ASK / ASVK certificates known for this root (evidence may bring others; each must verify under the ARK).</summary>
    public IReadOnlyList<X509Certificate2> Intermediates { get; }

    /// <summary>True for the pinned AMD roots compiled into this library.</summary>
    public bool BuiltIn { get; }

    public byte[] ArkSha256 { get; }

    internal RSA ArkKey { get; }

    /// <summary>
    /// Builds an anchor from an ARK and its intermediates. The ARK must be self-signed with AMD's PSS parameters
    /// and each intermediate must verify under it.
    /// </summary>
    /// <exception cref="ArgumentException">The certificates do not form such a root.</exception>
    public static SnpTrustRoot Create(SnpProduct product, X509Certificate2 ark, params X509Certificate2[] intermediates) =>
        Create(product, ark, intermediates, builtIn: false);

    /// <summary>
    /// Builds an anchor from a PEM bundle holding a self-signed ARK named "ARK-&lt;Product&gt;" and its ASK/ASVK
    /// (the form a simulated platform or a development root is configured in).
    /// </summary>
    /// <exception cref="ArgumentException">The bundle is not such a root.</exception>
    public static SnpTrustRoot FromPemBundle(string pem)
    {
        IReadOnlyList<byte[]> ders;
        try
        {
            ders = EndorsementBundle.ParsePem(pem);
        }
        catch (Abi.SnpFormatException e)
        {
            throw new ArgumentException(e.Message, nameof(pem), e);
        }

        var certificates = ders.Select(der => X509CertificateLoader.LoadCertificate(der)).ToList();
        var ark = certificates.FirstOrDefault(c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData))
            ?? throw new ArgumentException("The root bundle has no self-signed ARK.", nameof(pem));
        var name = ark.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var product = Abi.ProductIdentification.FromProductName(name.StartsWith("ARK-", StringComparison.Ordinal) ? name[4..] : null)
            ?? throw new ArgumentException($"Cannot tell the product from the ARK name '{name}' (expected ARK-Milan, ARK-Genoa or ARK-Turin).", nameof(pem));
        return Create(product, ark, [.. certificates.Where(c => !ReferenceEquals(c, ark))], builtIn: false);
    }

    internal static SnpTrustRoot Create(SnpProduct product, X509Certificate2 ark, IReadOnlyList<X509Certificate2> intermediates, bool builtIn)
    {
        var root = new SnpTrustRoot(product, ark, intermediates, builtIn);
        if (!RsaPssCertificateSignature.Verify(ark.RawData, root.ArkKey))
        {
            throw new ArgumentException($"The {product} ARK is not self-signed with RSA-PSS SHA-384.", nameof(ark));
        }

        foreach (var intermediate in intermediates)
        {
            if (!intermediate.IssuerName.RawData.AsSpan().SequenceEqual(ark.SubjectName.RawData) ||
                !RsaPssCertificateSignature.Verify(intermediate.RawData, root.ArkKey))
            {
                throw new ArgumentException($"{intermediate.Subject} is not signed by the {product} ARK.", nameof(intermediates));
            }
        }

        return root;
    }
}
