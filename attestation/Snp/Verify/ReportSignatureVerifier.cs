namespace Governance.Attestation.Snp.Verify;

/// <summary>
/// The report's ECDSA P-384 / SHA-384 signature over bytes 0x000..0x29F. R and S are stored little-endian in
/// 72-byte fields; the low 48 bytes are reversed into an IEEE P1363 r||s for verification.
/// </summary>
public static class ReportSignatureVerifier
{
    /// <summary>True when the report bytes carry a valid signature under <paramref name="key"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> report, ECDsa key)
    {
        if (report.Length != AttestationReport.Size)
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[2 * AttestationReport.ScalarLength];
        ToP1363(report, signature);
        if (!signature.ContainsAnyExcept((byte)0))
        {
            return false;
        }

        return key.VerifyData(report[..AttestationReport.SignedLength], signature, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Converts the stored little-endian R and S into big-endian r||s (96 bytes).</summary>
    public static void ToP1363(ReadOnlySpan<byte> report, Span<byte> destination)
    {
        var r = destination[..AttestationReport.ScalarLength];
        var s = destination[AttestationReport.ScalarLength..];
        report.Slice(0x2A0, AttestationReport.ScalarLength).CopyTo(r);
        report.Slice(0x2E8, AttestationReport.ScalarLength).CopyTo(s);
        r.Reverse();
        s.Reverse();
    }

    /// <summary>Writes a P1363 r||s signature into the report's signature fields (little-endian).</summary>
    public static void WriteSignature(Span<byte> report, ReadOnlySpan<byte> p1363)
    {
        var r = report.Slice(0x2A0, 72);
        var s = report.Slice(0x2E8, 72);
        r.Clear();
        s.Clear();
        p1363[..AttestationReport.ScalarLength].CopyTo(r);
        p1363[AttestationReport.ScalarLength..].CopyTo(s);
        r[..AttestationReport.ScalarLength].Reverse();
        s[..AttestationReport.ScalarLength].Reverse();
    }
}
