namespace Governance.Persistence.Keys;

/// <summary>
/// What a service key signs. Tree heads are few and long-lived, so they get P-384; receipts are signed on every
/// release, where a P-384 signature would cost more than verifying the evidence itself, so they get P-256.
/// </summary>
public enum ServiceKeyPurpose
{
    TreeHeads,
    Receipts,
}

internal static class ServiceKeyPurposes
{
    public static ECCurve Curve(this ServiceKeyPurpose purpose) =>
        purpose == ServiceKeyPurpose.Receipts ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384;

    /// <summary>The purpose a stored key serves, read from its size so rows need no extra column.</summary>
    public static ServiceKeyPurpose Of(ECDsa key) => key.KeySize == 256 ? ServiceKeyPurpose.Receipts : ServiceKeyPurpose.TreeHeads;
}
