namespace Governance.Persistence.Attestation;

/// <summary>
/// The newest verified AMD CRL for one product, signer and root, kept so a restart or a KDS outage does not leave the
/// service without one, and so replicas share what one of them fetched. Replaced only by a CRL issued later.
/// </summary>
public sealed class RevocationListRow
{
    /// <summary>e.g. crl/vcek/milan/{first 8 bytes of the ARK's SHA-256, hex}.</summary>
    public required string StoreKey { get; init; }

    /// <summary>The CRL as AMD serves it (DER); verified again against the ARK whenever it is read.</summary>
    public required byte[] Der { get; init; }

    public required DateTimeOffset ThisUpdate { get; init; }

    public DateTimeOffset? NextUpdate { get; init; }

    public required DateTimeOffset StoredAt { get; init; }
}
