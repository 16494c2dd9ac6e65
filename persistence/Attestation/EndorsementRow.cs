namespace Governance.Persistence.Attestation;

/// <summary>A fetched endorsement (a VCEK certificate, DER) kept so verification survives restarts and KDS outages.</summary>
public sealed class EndorsementRow
{
    /// <summary>e.g. vcek/milan/{hwid}/{reported tcb}; the value for a key never changes.</summary>
    public required string CacheKey { get; init; }

    public required byte[] Value { get; init; }

    public required DateTimeOffset StoredAt { get; init; }
}
