namespace Governance.Persistence.Keys;

/// <summary>
/// A service signing key. The newest row is current; older rows stay so their public keys remain published.
/// The private key is stored as PKCS#8; restrict the table to the service role.
/// </summary>
public sealed class ServiceSigningKeyRow
{
    public required string KeyId { get; set; }

    public required byte[] PrivateKeyPkcs8 { get; set; }

    public required byte[] PublicKeySpki { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
