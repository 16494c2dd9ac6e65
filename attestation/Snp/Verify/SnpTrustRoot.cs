using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Governance.Attestation.Policy;

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
