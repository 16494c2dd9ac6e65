namespace Governance.Client.Service;

/// <summary>
/// Which service builds a caller trusts: approved launch measurements (lowercase hex, 96 digits each) and, for
/// development against a simulated platform only, roots to trust besides AMD's pinned ones.
/// </summary>
public sealed record ServiceTrust(IReadOnlySet<string> Measurements, IReadOnlyList<SnpTrustRoot> ExtraRoots)
{
    public ServiceTrust(IEnumerable<string> measurements)
        : this(measurements.Select(m => m.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal), [])
    {
    }

    /// <summary>The trust a command line names: measurements as typed (checked here) and, optionally, a development root bundle.</summary>
    /// <exception cref="FormatException">A measurement is not 96 hex digits, or the root bundle is not a PEM ARK (+ ASK).</exception>
    public static ServiceTrust Parse(IEnumerable<string> measurements, string? extraRootPem)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var approved = new HashSet<string>(StringComparer.Ordinal);
        foreach (var measurement in measurements)
        {
            approved.Add(measurement.Length == 96 && measurement.All(Uri.IsHexDigit)
                ? measurement.ToLowerInvariant()
                : throw new FormatException($"'{measurement}' is not a measurement (48 bytes, 96 hex digits)."));
        }

        try
        {
            return new ServiceTrust(approved, extraRootPem is null ? [] : [SnpTrustRoot.FromPemBundle(extraRootPem)]);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new FormatException($"The extra root bundle is not usable: {e.Message}", e);
        }
    }
}
