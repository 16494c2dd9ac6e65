namespace Governance.Api.Release;

/// <summary>
/// Adapts the attestation library to the release decision: decodes the wire evidence, verifies it, and picks
/// the 64 bytes the guest bound (REPORT_DATA for raw reports, the runtime claims' user-data for Azure evidence).
/// </summary>
internal sealed class AttestationEvidenceVerifier(Governance.Api.Hosting.IEvidenceVerifierProvider verifiers) : IReleaseEvidenceVerifier
{
    public async Task<(VerifiedEvidence? Evidence, IReadOnlyList<ReleaseFailure> Failures)> VerifyAsync(
        ReleaseEvidence evidence, CancellationToken cancellationToken)
    {
        Evidence decoded;
        try
        {
            decoded = evidence.Type switch
            {
                ReleaseEvidence.SevSnp => new SnpEvidence(Required(evidence.Report, "report"), Optional(evidence.Certificates)),
                ReleaseEvidence.AzureCvm => new AzureCvmEvidence(Required(evidence.HclReport ?? evidence.Report, "hclReport"), Optional(evidence.Certificates)),
                ReleaseEvidence.MaaToken => new MaaTokenEvidence(evidence.Token is { Length: > 0 } token ? token : throw new FormatException("evidence.token is required for maa-token evidence.")),
                _ => throw new FormatException($"Evidence type '{evidence.Type}' is not one of sev-snp, azure-cvm, maa-token."),
            };
        }
        catch (FormatException format)
        {
            return (null, [new ReleaseFailure(ReleaseRules.EvidenceFormat, format.Message)]);
        }

        AttestationClaims claims;
        try
        {
            claims = await verifiers.Current.VerifyAsync(decoded, cancellationToken);
        }
        catch (AttestationVerificationException failure)
        {
            var rule = failure.Reason switch
            {
                AttestationFailureReason.CertificateRevoked => ReleaseRules.EndorsementRevoked,
                AttestationFailureReason.RevocationListStale => ReleaseRules.CrlStale,
                _ => ReleaseRules.EvidenceVerified,
            };
            return (null, [new ReleaseFailure(rule, failure.Message, "genuine evidence", failure.Code)]);
        }

        var bound = claims.EvidenceKind == EvidenceKind.SnpReport ? claims.ReportData : claims.RuntimeUserData;
        return (new VerifiedEvidence(bound, claims, ToJson(claims)), []);
    }

    /// <summary>The claims that identify the VM and its configuration (<see cref="ReleaseClaims"/>); their digest names it in events and receipts.</summary>
    internal static JsonObject ToJson(AttestationClaims claims) => new ReleaseClaims
    {
        EvidenceKind = claims.EvidenceKind.ToString(),
        Product = claims.Product?.ToString(),
        ReportVersion = claims.ReportVersion,
        Measurement = claims.Measurement,
        HostData = claims.HostData,
        ReportData = claims.ReportData,
        IdKeyDigest = claims.IdKeyDigest,
        AuthorKeyDigest = claims.AuthorKeyDigest,
        FamilyId = claims.FamilyId,
        ImageId = claims.ImageId,
        GuestSvn = claims.GuestSvn,
        Vmpl = claims.Vmpl,
        Debuggable = claims.Debuggable,
        MigrationAgentAllowed = claims.MigrationAgentAllowed,
        SmtAllowed = claims.SmtAllowed,
        ReportedTcb = claims.ReportedTcb is { } tcb ? new ReleaseClaimsTcb(tcb.BootLoader, tcb.Tee, tcb.Snp, tcb.Microcode, tcb.Fmc) : null,
        ChipId = claims.ChipId,
        SigningKey = claims.SigningKey?.ToString(),
        EndorsementKeySha256 = claims.EndorsementKeySha256,
        ChainsToAmdRoot = claims.ChainsToAmdRoot,
        CloudProviderId = claims.CloudProviderId,
        RuntimeUserData = claims.RuntimeUserData,
        MaaIssuer = claims.MaaIssuer,
        MaaComplianceStatus = claims.MaaComplianceStatus,
    }.ToJson();

    private static byte[] Required(string? base64, string member) =>
        Optional(base64) ?? throw new FormatException($"evidence.{member} is required for this evidence type.");

    private static byte[]? Optional(string? base64)
    {
        if (base64 is null)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new FormatException("An evidence member is not standard base64.");
        }
    }
}
