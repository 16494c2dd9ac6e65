namespace Governance.Attestation.Snp.Abi;

/// <summary>
/// The one exception the parsers in this library throw for malformed input: a report, a certificate table,
/// an Azure HCL report wrapper or a VEK certificate extension whose bytes do not follow the format. The
/// message names the field and what was wrong; it never contains secret material.
/// </summary>
public sealed class SnpFormatException : Exception
{
    public SnpFormatException()
    {
    }

    public SnpFormatException(string message)
        : base(message)
    {
    }

    public SnpFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
