namespace Governance.Attestation;

/// <summary>
/// The entry point: verifies any kind of <see cref="Evidence"/> and returns its normalised
/// <see cref="AttestationClaims"/>. Policy evaluation is separate (<see cref="Snp.Validate.AttestationPolicyEvaluator"/>).
/// Thread-safe; keep one instance so the verified-chain and key caches stay warm.
/// </summary>
public sealed class EvidenceVerifier
{
    private readonly MaaTokenValidator? _maa;

    /// <param name="options">Trust roots, offline mode, attestation providers.</param>
    /// <param name="timeProvider">The clock for certificate validity and token lifetime.</param>
    /// <param name="vcekSource">Where to fetch VCEKs that do not come with the evidence (null: never fetch).</param>
    /// <param name="maaHttpClient">HTTP client for attestation providers' certs endpoints (null: tokens are refused).</param>
    /// <param name="revocation">Checks every SEV-SNP chain against AMD's CRLs (null: no CRL is fetched).</param>
    public EvidenceVerifier(EvidenceVerifierOptions options, TimeProvider timeProvider, IVcekSource? vcekSource = null, HttpClient? maaHttpClient = null, Snp.Revocation.RevocationChecker? revocation = null)
    {
        Snp = new SnpReportVerifier(options.Snp, timeProvider, vcekSource, revocation);
        if (maaHttpClient is not null)
        {
            _maa = new MaaTokenValidator(options.Maa, new MaaSigningKeys(maaHttpClient, options.Maa, timeProvider), timeProvider);
        }
    }

    /// <summary>The SEV-SNP report verifier (exposed for its chain cache).</summary>
    public SnpReportVerifier Snp { get; }

    /// <summary>Verifies <paramref name="evidence"/>.</summary>
    /// <exception cref="AttestationVerificationException">The evidence did not verify; see its reason code.</exception>
    public async Task<AttestationClaims> VerifyAsync(Evidence evidence, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        switch (evidence)
        {
            case SnpEvidence snp:
                return AttestationClaims.FromReport(await Snp.VerifyAsync(snp.Report ?? [], snp.Certificates, ct));
            case AzureCvmEvidence cvm:
                return await VerifyHclAsync(cvm, ct);
            case MaaTokenEvidence token:
                if (_maa is null)
                {
                    throw new AttestationVerificationException(AttestationFailureReason.TokenKeysUnavailable, "Attestation tokens are not accepted: no attestation provider client is configured.");
                }

                return await _maa.ValidateAsync(token.Token ?? string.Empty, ct);
            default:
                throw new AttestationVerificationException(AttestationFailureReason.MalformedEvidence, $"Evidence of type {evidence.GetType().Name} is not supported.");
        }
    }

    private async Task<AttestationClaims> VerifyHclAsync(AzureCvmEvidence evidence, CancellationToken ct)
    {
        HclReport hcl;
        try
        {
            hcl = HclReport.Parse(evidence.HclReport ?? []);
        }
        catch (SnpFormatException e)
        {
            throw new AttestationVerificationException(AttestationFailureReason.MalformedEvidence, e.Message, e);
        }

        var verified = await Snp.VerifyAsync(hcl.SnpReport, evidence.Certificates, ct);
        if (!hcl.RuntimeDataMatchesReport(verified.Report.ReportData))
        {
            throw new AttestationVerificationException(AttestationFailureReason.RuntimeDataBindingMismatch, $"REPORT_DATA is not the {hcl.HashType} of the HCL runtime data.");
        }

        return AttestationClaims.FromReport(verified, EvidenceKind.AzureCvmHclReport) with
        {
            RuntimeJson = hcl.RuntimeJson,
            RuntimeUserData = hcl.UserData,
        };
    }
}
