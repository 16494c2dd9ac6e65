namespace Governance.Attestation.Snp.Verify;

/// <summary>
/// Checks an AMD certificate signature by hand: the AlgorithmIdentifier must be RSASSA-PSS with SHA-384,
/// MGF1-SHA-384, salt length 48 and trailer field 1 (explicit or omitted), identical inside and outside the
/// TBSCertificate; the signature is then verified over the exact TBS bytes.
/// </summary>
public static class RsaPssCertificateSignature
{
    private const string RsassaPss = "1.2.840.113549.1.1.10";
    private const string Mgf1 = "1.2.840.113549.1.1.8";
    private const string Sha384 = "2.16.840.1.101.3.4.2.2";

    /// <summary>Splits a DER certificate into its TBS bytes, signature AlgorithmIdentifier and signature value.</summary>
    /// <exception cref="SnpFormatException">The bytes are not a certificate.</exception>
    public static (ReadOnlyMemory<byte> Tbs, ReadOnlyMemory<byte> Algorithm, byte[] Signature) Split(ReadOnlyMemory<byte> certificate)
    {
        try
        {
            var (tbs, algorithm, signature) = SignedDer.Split(certificate, "certificate");
            var tbsReader = new AsnReader(tbs, AsnEncodingRules.DER).ReadSequence();
            if (tbsReader.PeekTag() == new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true))
            {
                tbsReader.ReadEncodedValue();
            }

            tbsReader.ReadEncodedValue();
            SignedDer.RequireInnerAlgorithm(tbsReader, algorithm, "certificate");
            return (tbs, algorithm, signature);
        }
        catch (AsnContentException e)
        {
            throw new SnpFormatException("The certificate is not valid DER.", e);
        }
    }

    /// <summary>True when <paramref name="algorithm"/> is exactly RSASSA-PSS / SHA-384 / MGF1-SHA-384 / salt 48 / trailer 1.</summary>
    public static bool IsAmdPssAlgorithm(ReadOnlyMemory<byte> algorithm)
    {
        try
        {
            var reader = new AsnReader(algorithm, AsnEncodingRules.DER);
            var identifier = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            if (identifier.ReadObjectIdentifier() != RsassaPss)
            {
                return false;
            }

            var parameters = identifier.ReadSequence();
            identifier.ThrowIfNotEmpty();

            var hash = parameters.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
            if (!IsSha384Identifier(hash))
            {
                return false;
            }

            hash.ThrowIfNotEmpty();
            var mask = parameters.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true));
            var maskIdentifier = mask.ReadSequence();
            mask.ThrowIfNotEmpty();
            if (maskIdentifier.ReadObjectIdentifier() != Mgf1 || !IsSha384Identifier(maskIdentifier))
            {
                return false;
            }

            maskIdentifier.ThrowIfNotEmpty();
            var salt = parameters.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true));
            if (!salt.TryReadInt32(out var saltLength) || saltLength != 48)
            {
                return false;
            }

            salt.ThrowIfNotEmpty();
            if (parameters.HasData)
            {
                var trailer = parameters.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true));
                if (!trailer.TryReadInt32(out var trailerField) || trailerField != 1)
                {
                    return false;
                }

                trailer.ThrowIfNotEmpty();
            }

            return !parameters.HasData;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>Verifies that <paramref name="certificate"/> was signed by <paramref name="issuerKey"/> with AMD's PSS parameters.</summary>
    /// <exception cref="SnpFormatException">The certificate bytes are malformed.</exception>
    public static bool Verify(ReadOnlyMemory<byte> certificate, RSA issuerKey)
    {
        var (tbs, algorithm, signature) = Split(certificate);
        return Verify(tbs.Span, algorithm, signature, issuerKey);
    }

    /// <summary>Verifies signed bytes already split from their certificate or CRL (see <see cref="Split"/>).</summary>
    internal static bool Verify(ReadOnlySpan<byte> tbs, ReadOnlyMemory<byte> algorithm, byte[] signature, RSA issuerKey)
    {
        if (!IsAmdPssAlgorithm(algorithm))
        {
            return false;
        }

        try
        {
            return issuerKey.VerifyData(tbs, signature, HashAlgorithmName.SHA384, RSASignaturePadding.Pss);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool IsSha384Identifier(AsnReader container)
    {
        var identifier = container.ReadSequence();
        if (identifier.ReadObjectIdentifier() != Sha384)
        {
            return false;
        }

        if (identifier.HasData)
        {
            identifier.ReadNull();
        }

        identifier.ThrowIfNotEmpty();
        return true;
    }
}
