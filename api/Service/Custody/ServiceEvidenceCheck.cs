namespace Governance.Api.Service.Custody;

/// <summary>Another instance's verified attestation: its build, and every rule it broke (none: trust it with the key).</summary>
internal sealed record ServiceEvidenceVerdict(ServiceAttestation? Served, string? Measurement, IReadOnlyList<(string Rule, string Detail)> Failures)
{
    public bool Trusted => Failures.Count == 0;
}

/// <summary>
/// Checks another instance's attestation as a party's client would (<see cref="ServiceAttestationRules"/>), with this
/// service's own evidence verifier and the builds the consortium approved. The text comes from the database, which
/// the operator can write, so it is treated as hostile: bounded, parsed strictly, and verified before anything in it counts.
/// </summary>
internal sealed class ServiceEvidenceCheck(IEvidenceVerifierProvider verifiers)
{
    /// <summary>A report, a certificate table of a few certificates and four keys fit with room to spare.</summary>
    public const int MaxAttestationChars = 64 * 1024;

    public async Task<ServiceEvidenceVerdict> CheckAsync(
        string attestationJson, string expectedNonce, IReadOnlyCollection<string> approvedMeasurements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attestationJson);
        ServiceAttestation? served;
        try
        {
            served = attestationJson.Length <= MaxAttestationChars ? JsonSerializer.Deserialize<ServiceAttestation>(attestationJson, KeyRequests.Json) : null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            served = null;
        }

        return served is null
            ? Refused("evidence.malformed", "the attestation is not JSON of the service attestation's shape, at most 64 KiB")
            : await CheckAsync(served, expectedNonce, approvedMeasurements, cancellationToken);
    }

    public async Task<ServiceEvidenceVerdict> CheckAsync(
        ServiceAttestation served, string expectedNonce, IReadOnlyCollection<string> approvedMeasurements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(served);
        byte[] report, certificates;
        try
        {
            if (served.Keys?.Identity is null || served.Keys.Transit is null || served.Keys.Signing is null || served.Report is null || served.CertificateTable is null)
            {
                return Refused("evidence.malformed", "the attestation lacks its keys, report or certificate table");
            }

            report = Convert.FromBase64String(served.Report);
            certificates = Convert.FromBase64String(served.CertificateTable);
        }
        catch (FormatException)
        {
            return Refused("evidence.malformed", "the report or certificate table is not base64");
        }

        AttestationClaims claims;
        try
        {
            claims = await verifiers.Current.VerifyAsync(new SnpEvidence(report, certificates), cancellationToken);
        }
        catch (Exception e) when (e is AttestationVerificationException or SnpFormatException)
        {
            return new ServiceEvidenceVerdict(served, null, [("evidence.unverified", e.Message)]);
        }

        var measurement = Convert.ToHexStringLower(claims.Measurement);
        return new ServiceEvidenceVerdict(served, measurement,
            ServiceAttestationRules.Check(served, expectedNonce, claims.ReportData, measurement, approvedMeasurements));
    }

    private static ServiceEvidenceVerdict Refused(string rule, string detail) => new(null, null, [(rule, detail)]);
}
