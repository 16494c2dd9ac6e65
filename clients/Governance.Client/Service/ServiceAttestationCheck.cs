namespace Governance.Client.Service;

/// <summary>One reason not to trust a service: a rule name scripts can match and what was found.</summary>
public sealed record ServiceCheckFailure(string Rule, string Detail);

/// <summary>What a service attested, and every reason it should not be trusted (none: trust it).</summary>
public sealed record ServiceCheckResult(string? Measurement, string? Product, IReadOnlyList<ServiceCheckFailure> Failures)
{
    public bool Trusted => Failures.Count == 0;
}

/// <summary>
/// Decides whether a service's attestation deserves trust, failing closed: the nonce is the one just sent, the report's
/// signature and chain verify to AMD's pinned roots (or a development root given explicitly), REPORT_DATA is exactly
/// the hash of the served keys, build, consortium and nonce, and the measurement is one the caller approved.
/// </summary>
public static class ServiceAttestationCheck
{
    public static async Task<ServiceCheckResult> CheckAsync(
        ServiceAttestation served, string sentNonce, IReadOnlySet<string> approvedMeasurements,
        IReadOnlyList<SnpTrustRoot> extraRoots, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(served);
        ArgumentNullException.ThrowIfNull(approvedMeasurements);
        var failures = new List<ServiceCheckFailure>();

        byte[] report, certificates;
        try
        {
            report = Convert.FromBase64String(served.Report);
            certificates = Convert.FromBase64String(served.CertificateTable);
        }
        catch (FormatException)
        {
            failures.Add(new("evidence.malformed", "the report or certificate table is not base64"));
            return new ServiceCheckResult(null, null, failures);
        }

        AttestationClaims claims;
        try
        {
            var verifier = new EvidenceVerifier(
                new EvidenceVerifierOptions { Snp = new SnpVerificationOptions { Offline = true, ExtraTrustedRoots = [.. extraRoots] } }, time);
            claims = await verifier.VerifyAsync(new SnpEvidence(report, certificates), cancellationToken);
        }
        catch (Exception e) when (e is AttestationVerificationException or Attestation.Snp.Abi.SnpFormatException)
        {
            failures.Add(new("evidence.unverified", e.Message));
            return new ServiceCheckResult(null, null, failures);
        }

        var measurement = Convert.ToHexStringLower(claims.Measurement);
        failures.AddRange(ServiceAttestationRules.Check(served, sentNonce, claims.ReportData, measurement, approvedMeasurements)
            .Select(f => new ServiceCheckFailure(f.Rule, f.Detail)));
        return new ServiceCheckResult(measurement, claims.Product?.ToString(), failures);
    }
}
