namespace Governance.Attestation;

/// <summary>Why evidence failed verification; <see cref="AttestationVerificationException.Code"/> is its snake_case wire form.</summary>
public enum AttestationFailureReason
{
    /// <summary>The evidence bytes are malformed (report, certificate table, HCL wrapper, certificate).</summary>
    MalformedEvidence,

    /// <summary>The report is not signed (SIGNING_KEY = none) or uses a key kind this library cannot verify.</summary>
    UnsupportedSigningKey,

    /// <summary>No VCEK/VLEK came with the evidence and none could be fetched (or offline mode is on).</summary>
    EndorsementKeyUnavailable,

    /// <summary>The endorsement key does not chain to a trusted AMD root (or to an explicitly configured one).</summary>
    UntrustedCertificateChain,

    /// <summary>A certificate signature or its algorithm parameters are wrong.</summary>
    CertificateSignatureInvalid,

    /// <summary>A certificate in the chain is not valid at the verification time.</summary>
    CertificateNotTimeValid,

    /// <summary>A certificate in the chain is on a revocation list.</summary>
    CertificateRevoked,

    /// <summary>No CRL whose nextUpdate is still ahead could be obtained, and the stale policy refuses.</summary>
    RevocationListStale,

    /// <summary>The endorsement key is not a proper VCEK/VLEK (key type, extensions, kind).</summary>
    InvalidEndorsementKey,

    /// <summary>The report's ECDSA P-384 signature does not verify under the endorsement key.</summary>
    ReportSignatureInvalid,

    /// <summary>The endorsement key's SPLs differ from the report's REPORTED_TCB.</summary>
    TcbMismatch,

    /// <summary>The VCEK's hardware id differs from the report's CHIP_ID.</summary>
    ChipIdMismatch,

    /// <summary>The report's product differs from the endorsement key's.</summary>
    ProductMismatch,

    /// <summary>A version 3 or later report whose CPUID names no supported product (Milan, Genoa, Turin), zero included.</summary>
    UnknownProduct,

    /// <summary>The HCL runtime data hash differs from REPORT_DATA.</summary>
    RuntimeDataBindingMismatch,

    /// <summary>The attestation token is malformed or its signature, algorithm or key is wrong.</summary>
    TokenInvalid,

    /// <summary>The attestation token's issuer is not a configured provider.</summary>
    TokenIssuerUntrusted,

    /// <summary>The attestation token is expired or not yet valid.</summary>
    TokenLifetimeInvalid,

    /// <summary>The attestation token is not for an SEV-SNP VM.</summary>
    TokenAttestationTypeUnsupported,

    /// <summary>The attestation provider's signing keys could not be obtained.</summary>
    TokenKeysUnavailable,
}

/// <summary>
/// Evidence did not verify. <see cref="Reason"/> is machine-readable; the message says what was checked and
/// what differed, never secret material.
/// </summary>
public sealed class AttestationVerificationException : Exception
{
    public AttestationVerificationException()
        : this(AttestationFailureReason.MalformedEvidence, "Evidence did not verify.")
    {
    }

    public AttestationVerificationException(string message)
        : this(AttestationFailureReason.MalformedEvidence, message)
    {
    }

    public AttestationVerificationException(string message, Exception innerException)
        : this(AttestationFailureReason.MalformedEvidence, message, innerException)
    {
    }

    public AttestationVerificationException(AttestationFailureReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public AttestationFailureReason Reason { get; }

    /// <summary>The reason as a snake_case code, e.g. <c>report_signature_invalid</c>.</summary>
    public string Code => ToCode(Reason);

    public static string ToCode(AttestationFailureReason reason)
    {
        var name = reason.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
