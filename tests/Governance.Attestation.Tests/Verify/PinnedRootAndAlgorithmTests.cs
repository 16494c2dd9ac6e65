using System.Formats.Asn1;
using System.Security.Cryptography;
using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Verify;

namespace Governance.Attestation.Tests.Verify;

public sealed class PinnedRootAndAlgorithmTests
{
    [Fact]
    public void Built_in_roots_are_the_pinned_AMD_certificates()
    {
        Assert.Equal(3, AmdRoots.BuiltIn.Count);
        foreach (var root in AmdRoots.BuiltIn)
        {
            var prefix = root.Product.ToString().ToLowerInvariant();
            Assert.Equal(AmdRoots.PinnedSha256[$"{prefix}-ark"], Convert.ToHexStringLower(SHA256.HashData(root.Ark.RawData)));
            Assert.Equal($"ARK-{root.Product}", root.Ark.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false));
            Assert.Equal([$"SEV-{root.Product}", $"SEV-VLEK-{root.Product}"], root.Intermediates.Select(i => i.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false)));
            Assert.True(root.BuiltIn);
        }
    }

    [Fact]
    public void Genuine_ARK_and_VCEK_algorithm_identifiers_are_accepted_with_and_without_explicit_trailer()
    {
        var ark = RsaPssCertificateSignature.Split(AmdRoots.For(SnpProduct.Genoa).Ark.RawData).Algorithm;
        Assert.True(RsaPssCertificateSignature.IsAmdPssAlgorithm(ark));
        Assert.True(RsaPssCertificateSignature.IsAmdPssAlgorithm(Pss()));
        Assert.True(RsaPssCertificateSignature.IsAmdPssAlgorithm(Pss(trailer: 1)));
    }

    [Theory]
    [InlineData("2.16.840.1.101.3.4.2.1", "2.16.840.1.101.3.4.2.2", 48, 1)]
    [InlineData("2.16.840.1.101.3.4.2.2", "2.16.840.1.101.3.4.2.1", 48, 1)]
    [InlineData("2.16.840.1.101.3.4.2.2", "2.16.840.1.101.3.4.2.2", 32, 1)]
    [InlineData("2.16.840.1.101.3.4.2.2", "2.16.840.1.101.3.4.2.2", 48, 2)]
    public void Other_PSS_parameters_are_refused(string hash, string mgfHash, int salt, int trailer) =>
        Assert.False(RsaPssCertificateSignature.IsAmdPssAlgorithm(Pss(hash, mgfHash, salt, trailer)));

    [Fact]
    public void PKCS1_and_missing_parameters_are_refused()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier("1.2.840.113549.1.1.12");
            writer.WriteNull();
        }

        Assert.False(RsaPssCertificateSignature.IsAmdPssAlgorithm(writer.Encode()));
        var bare = new AsnWriter(AsnEncodingRules.DER);
        using (bare.PushSequence())
        {
            bare.WriteObjectIdentifier("1.2.840.113549.1.1.10");
        }

        Assert.False(RsaPssCertificateSignature.IsAmdPssAlgorithm(bare.Encode()));
    }

    private static byte[] Pss(string hash = "2.16.840.1.101.3.4.2.2", string mgfHash = "2.16.840.1.101.3.4.2.2", int salt = 48, int? trailer = null)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier("1.2.840.113549.1.1.10");
            using (writer.PushSequence())
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(hash);
                    writer.WriteNull();
                }

                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1)))
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("1.2.840.113549.1.1.8");
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(mgfHash);
                        writer.WriteNull();
                    }
                }

                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2)))
                {
                    writer.WriteInteger(salt);
                }

                if (trailer is { } t)
                {
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 3)))
                    {
                        writer.WriteInteger(t);
                    }
                }
            }
        }

        return writer.Encode();
    }
}
