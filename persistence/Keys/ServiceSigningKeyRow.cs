namespace Governance.Persistence.Keys;

/// <summary>
/// A service signing key. The newest row is current; older rows stay so their public keys remain published.
/// The private key is stored only sealed by the key-encryption key ring (<see cref="KekId"/> names the
/// key-encryption key), so a copy of the database alone cannot sign tree heads or receipts.
/// </summary>
public sealed class ServiceSigningKeyRow
{
    public required string KeyId { get; set; }

    /// <summary>PKCS#8 sealed by <see cref="Secrets.KeyEncryptionKeyRing.Wrap"/>: nonce ‖ ciphertext ‖ tag.</summary>
    public byte[]? WrappedPrivateKey { get; set; }

    /// <summary>The key-encryption key that sealed <see cref="WrappedPrivateKey"/>.</summary>
    public string? KekId { get; set; }

    /// <summary>
    /// Plain PKCS#8, only in rows written before keys were sealed; the start-up wrapping seals and clears it.
    /// Nothing writes it any more.
    /// </summary>
    public byte[]? LegacyPrivateKeyPkcs8 { get; set; }

    public required byte[] PublicKeySpki { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
