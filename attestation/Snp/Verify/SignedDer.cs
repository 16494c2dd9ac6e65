namespace Governance.Attestation.Snp.Verify;

/// <summary>
/// The envelope an X.509 certificate and CRL share (RFC 5280 §4.1, §5.1): a SEQUENCE of the signed bytes, the
/// signature AlgorithmIdentifier and the signature, with the same AlgorithmIdentifier repeated inside the signed
/// bytes. The <c>what</c> each method takes names the structure in its errors.
/// </summary>
internal static class SignedDer
{
    /// <exception cref="SnpFormatException">The signature has unused bits.</exception>
    /// <exception cref="AsnContentException">The envelope is not DER.</exception>
    public static (ReadOnlyMemory<byte> Tbs, ReadOnlyMemory<byte> Algorithm, byte[] Signature) Split(ReadOnlyMemory<byte> der, string what)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var sequence = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var tbs = sequence.ReadEncodedValue();
        var algorithm = sequence.ReadEncodedValue();
        var signature = sequence.ReadBitString(out var unusedBits);
        sequence.ThrowIfNotEmpty();
        if (unusedBits != 0)
        {
            throw new SnpFormatException($"The {what} signature BIT STRING has unused bits.");
        }

        return (tbs, algorithm, signature);
    }

    /// <summary>
    /// Reads the signed bytes' AlgorithmIdentifier, where <paramref name="tbsReader"/> stands, and requires it to be
    /// the outer one, so the algorithm checked is the one that was signed.
    /// </summary>
    /// <exception cref="SnpFormatException">The two differ.</exception>
    public static void RequireInnerAlgorithm(AsnReader tbsReader, ReadOnlyMemory<byte> algorithm, string what)
    {
        var innerAlgorithm = tbsReader.ReadEncodedValue();
        if (!innerAlgorithm.Span.SequenceEqual(algorithm.Span))
        {
            throw new SnpFormatException($"The {what}'s inner and outer signature algorithms differ.");
        }
    }
}
