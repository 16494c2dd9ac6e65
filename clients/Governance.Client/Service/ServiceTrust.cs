using Governance.Attestation.Snp.Verify;

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
}
