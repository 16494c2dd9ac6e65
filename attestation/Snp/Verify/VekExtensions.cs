namespace Governance.Attestation.Snp.Verify;

/// <summary>
/// AMD's extensions on a VCEK/VLEK certificate (arc 1.3.6.1.4.1.3704.1): struct version, product name, the SPL
/// of each TCB component (DER INTEGERs), the hardware id (raw bytes, no ASN.1 tag; 64 bytes, 8 on Turin) and,
/// for a VLEK, the cloud provider id.
/// </summary>
public sealed record VekExtensions
{
    public const string Arc = "1.3.6.1.4.1.3704.1.";
    public const string StructVersionOid = Arc + "1";
    public const string ProductNameOid = Arc + "2";
    public const string BootLoaderSplOid = Arc + "3.1";
    public const string TeeSplOid = Arc + "3.2";
    public const string SnpSplOid = Arc + "3.3";
    public const string Spl4Oid = Arc + "3.4";
    public const string Spl5Oid = Arc + "3.5";
    public const string Spl6Oid = Arc + "3.6";
    public const string Spl7Oid = Arc + "3.7";
    public const string MicrocodeSplOid = Arc + "3.8";
    public const string FmcSplOid = Arc + "3.9";
    public const string HwIdOid = Arc + "4";
    public const string CspIdOid = Arc + "5";

    public int? StructVersion { get; init; }

    public string? ProductName { get; init; }

    public byte? BootLoaderSpl { get; init; }

    public byte? TeeSpl { get; init; }

    public byte? SnpSpl { get; init; }

    public byte? MicrocodeSpl { get; init; }

    /// <summary>Reserved SPL slots 4 to 7 (Turin has no slot 4); they certify the TCB bytes no component names.</summary>
    public byte? Spl4 { get; init; }

    public byte? Spl5 { get; init; }

    public byte? Spl6 { get; init; }

    public byte? Spl7 { get; init; }

    public byte? FmcSpl { get; init; }

    /// <summary>The chip's hardware id (VCEK only).</summary>
    public byte[]? HwId { get; init; }

    /// <summary>The cloud provider id (VLEK only), e.g. "CN=cc-us-east-2.amazonaws.com".</summary>
    public string? CspId { get; init; }

    /// <summary>Reads the AMD extensions of a certificate.</summary>
    /// <exception cref="SnpFormatException">An AMD extension is malformed.</exception>
    public static VekExtensions FromCertificate(X509Certificate2 certificate) =>
        Parse(certificate.Extensions.Select(e => (e.Oid?.Value ?? string.Empty, e.RawData)));

    /// <summary>Parses AMD extensions from (OID, extnValue contents) pairs; other OIDs are ignored.</summary>
    /// <exception cref="SnpFormatException">An AMD extension is malformed or repeated.</exception>
    public static VekExtensions Parse(IEnumerable<(string Oid, byte[] Value)> extensions)
    {
        var result = new VekExtensions();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (oid, value) in extensions)
        {
            if (!oid.StartsWith(Arc, StringComparison.Ordinal))
            {
                continue;
            }

            if (!seen.Add(oid))
            {
                throw new SnpFormatException($"VEK extension {oid} appears more than once.");
            }

            result = oid switch
            {
                StructVersionOid => result with { StructVersion = ReadInteger(oid, value, int.MaxValue) },
                ProductNameOid => result with { ProductName = ReadIa5(oid, value) },
                BootLoaderSplOid => result with { BootLoaderSpl = ReadSpl(oid, value) },
                TeeSplOid => result with { TeeSpl = ReadSpl(oid, value) },
                SnpSplOid => result with { SnpSpl = ReadSpl(oid, value) },
                MicrocodeSplOid => result with { MicrocodeSpl = ReadSpl(oid, value) },
                Spl4Oid => result with { Spl4 = ReadSpl(oid, value) },
                Spl5Oid => result with { Spl5 = ReadSpl(oid, value) },
                Spl6Oid => result with { Spl6 = ReadSpl(oid, value) },
                Spl7Oid => result with { Spl7 = ReadSpl(oid, value) },
                FmcSplOid => result with { FmcSpl = ReadSpl(oid, value) },
                HwIdOid => result with { HwId = ReadHwId(value) },
                CspIdOid => result with { CspId = ReadIa5(oid, value) },
                _ => ValidateReserved(result, oid, value),
            };
        }

        return result;
    }

    private static VekExtensions ValidateReserved(VekExtensions result, string oid, byte[] value)
    {
        // Other SPL slots are INTEGERs too; anything else under the arc is left alone.
        if (oid.StartsWith(Arc + "3.", StringComparison.Ordinal))
        {
            ReadSpl(oid, value);
        }

        return result;
    }

    private static byte ReadSpl(string oid, byte[] value) => (byte)ReadInteger(oid, value, byte.MaxValue);

    private static int ReadInteger(string oid, byte[] value, int max)
    {
        try
        {
            var reader = new AsnReader(value, AsnEncodingRules.DER);
            if (!reader.TryReadInt32(out var number))
            {
                throw new SnpFormatException($"VEK extension {oid} is not a small INTEGER.");
            }

            reader.ThrowIfNotEmpty();
            if (number < 0 || number > max)
            {
                throw new SnpFormatException($"VEK extension {oid} value {number} is out of range 0..{max}.");
            }

            return number;
        }
        catch (AsnContentException e)
        {
            throw new SnpFormatException($"VEK extension {oid} is not a DER INTEGER.", e);
        }
    }

    private static string ReadIa5(string oid, byte[] value)
    {
        try
        {
            var reader = new AsnReader(value, AsnEncodingRules.DER);
            var text = reader.ReadCharacterString(UniversalTagNumber.IA5String);
            reader.ThrowIfNotEmpty();
            return text;
        }
        catch (AsnContentException e)
        {
            throw new SnpFormatException($"VEK extension {oid} is not a DER IA5String.", e);
        }
    }

    private static byte[] ReadHwId(byte[] value)
    {
        // AMD stores the hardware id raw; an OCTET STRING-wrapped form is accepted too.
        if (value.Length is 66 or 10 && value[0] == 0x04 && value[1] == value.Length - 2)
        {
            return value[2..];
        }

        if (value.Length is not (64 or 8))
        {
            throw new SnpFormatException($"VEK hwID must be 64 or 8 bytes; got {value.Length}.");
        }

        return (byte[])value.Clone();
    }
}
