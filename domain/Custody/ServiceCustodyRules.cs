namespace Governance.Domain.Custody;

/// <summary>
/// What the consortium decided about the service's key-encryption key: the service builds (launch measurements)
/// trusted to hold it, and who holds recovery shares of it. Both change only by proposal.
/// </summary>
/// <param name="Measurements">Approved builds, sorted lowercase hex; empty until the first confidential instance starts.</param>
/// <param name="Recovery">Share holders and threshold; null until a proposal sets them.</param>
public sealed record ServiceCustodyRules(IReadOnlyList<string> Measurements, RecoveryPolicy? Recovery)
{
    public static ServiceCustodyRules None { get; } = new([], null);

    public bool Approves(string measurementHex) => Measurements.Contains(measurementHex, StringComparer.Ordinal);

    public bool Equals(ServiceCustodyRules? other) =>
        other is not null && ServiceMeasurements.SameSet(Measurements, other.Measurements) && Equals(Recovery, other.Recovery);

    public override int GetHashCode() => HashCode.Combine(string.Join(',', Measurements), Recovery);
}
