namespace Governance.Protocol.Service;

/// <summary>
/// What must hold of a service's attestation once its report has verified to a trusted root, shared by every side
/// that trusts a service (the CLI and SDK, the clean-room agent, and replicas handing each other the key): the
/// evidence answers the nonce just sent, REPORT_DATA is the hash of the served keys, build, consortium and nonce
/// (<see cref="ServiceReportData"/>), and the build is one approved.
/// </summary>
public static class ServiceAttestationRules
{
    /// <param name="served">The attestation as served.</param>
    /// <param name="sentNonce">The nonce the checker sent (hex).</param>
    /// <param name="reportData">REPORT_DATA of the verified report.</param>
    /// <param name="measurementHex">The verified report's launch measurement, lowercase hex.</param>
    /// <param name="approvedMeasurements">The builds the checker trusts.</param>
    /// <returns>Each broken rule with what was found; empty when the service deserves trust.</returns>
    public static IReadOnlyList<(string Rule, string Detail)> Check(
        ServiceAttestation served, string sentNonce, ReadOnlySpan<byte> reportData, string measurementHex, IReadOnlyCollection<string> approvedMeasurements)
    {
        ArgumentNullException.ThrowIfNull(served);
        ArgumentNullException.ThrowIfNull(approvedMeasurements);
        var failures = new List<(string, string)>();
        if (!string.Equals(served.Nonce, sentNonce, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add(("nonce.stale", $"the evidence answers nonce {served.Nonce}, not the one sent ({sentNonce})"));
        }

        var expected = ServiceReportData.Compute(served.Keys, served.BuildVersion, served.Consortium, served.Nonce);
        if (!CryptographicOperations.FixedTimeEquals(expected, reportData))
        {
            failures.Add(("keys.unbound", "REPORT_DATA is not the hash of the served keys, build, consortium and nonce"));
        }

        if (!approvedMeasurements.Contains(measurementHex, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add(("measurement.unapproved", $"measurement {measurementHex} is not among the {approvedMeasurements.Count} approved"));
        }

        return failures;
    }
}
