namespace Governance.Attestation.Snp.Verify;

/// <summary>
/// An ARK-signed X.509 CRL as AMD's KDS serves it ({kds}/vcek/v1/{Product}/crl, {kds}/vlek/v1/{Product}/crl), listing
/// revoked ASK/ASVK serials. It must verify under a trusted ARK with the same RSA-PSS parameters as the certificates:
/// configured CRLs are checked when the verifier is built, fetched ones by <see cref="Revocation.RevocationChecker"/>.
/// </summary>
public sealed record RevocationList(byte[] IssuerName, IReadOnlySet<string> RevokedSerials, DateTimeOffset ThisUpdate, DateTimeOffset? NextUpdate)
{
    private ReadOnlyMemory<byte> Tbs { get; init; }

    private ReadOnlyMemory<byte> Algorithm { get; init; }

    private byte[] Signature { get; init; } = [];

    /// <summary>Serial numbers are compared as lowercase big-endian hex without leading zero bytes.</summary>
    public static string SerialKey(ReadOnlySpan<byte> serialBigEndian)
    {
        var trimmed = serialBigEndian;
        while (trimmed.Length > 1 && trimmed[0] == 0)
        {
            trimmed = trimmed[1..];
        }

        return Convert.ToHexStringLower(trimmed);
    }

    /// <exception cref="SnpFormatException">The bytes are not a DER CRL.</exception>
    public static RevocationList Parse(byte[] der)
    {
        try
        {
            var (tbs, algorithm, signature) = SignedDer.Split(der, "CRL");
            var reader = new AsnReader(tbs, AsnEncodingRules.DER).ReadSequence();
            if (reader.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                reader.ReadInteger();
            }

            SignedDer.RequireInnerAlgorithm(reader, algorithm, "CRL");
            var issuer = reader.ReadEncodedValue().ToArray();
            var thisUpdate = ReadTime(reader);
            DateTimeOffset? nextUpdate = reader.HasData && (reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) || reader.PeekTag().HasSameClassAndValue(Asn1Tag.GeneralizedTime)) ? ReadTime(reader) : null;
            var revoked = new HashSet<string>(StringComparer.Ordinal);
            if (reader.HasData && reader.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var entries = reader.ReadSequence();
                while (entries.HasData)
                {
                    var entry = entries.ReadSequence();
                    revoked.Add(SerialKey(entry.ReadIntegerBytes().Span));
                }
            }

            return new RevocationList(issuer, revoked, thisUpdate, nextUpdate) { Tbs = tbs, Algorithm = algorithm, Signature = signature };
        }
        catch (AsnContentException e)
        {
            throw new SnpFormatException("The CRL is not valid DER.", e);
        }
    }

    /// <summary>True between thisUpdate and nextUpdate; a CRL that names no nextUpdate cannot be judged fresh.</summary>
    public bool IsFreshAt(DateTimeOffset now) => ThisUpdate <= now && NextUpdate is { } next && now < next;

    /// <summary>True when the CRL names <paramref name="root"/>'s ARK as its issuer and verifies under its key.</summary>
    public bool IsIssuedBy(SnpTrustRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return root.Ark.SubjectName.RawData.AsSpan().SequenceEqual(IssuerName) && IsSignedBy(root.ArkKey);
    }

    /// <summary>True when the CRL was signed by <paramref name="arkKey"/> with AMD's RSA-PSS parameters.</summary>
    public bool IsSignedBy(RSA arkKey) =>
        RsaPssCertificateSignature.Verify(Tbs.Span, Algorithm, Signature, arkKey);

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
