namespace Governance.Persistence.Secrets;

/// <summary>
/// One version of a secret. The value is never stored in the clear: the embedded backend keeps it
/// envelope-encrypted in <see cref="Ciphertext"/>; the Key Vault backend keeps only a reference to the vault's version.
/// Deleting a secret wipes every version's sealed value and keeps the metadata as history.
/// </summary>
public sealed class SecretRow
{
    public long Id { get; set; }

    public required string Owner { get; set; }

    public required string Name { get; set; }

    public int Version { get; set; }

    public int Length { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary><c>embedded</c> or <c>azure-key-vault</c>: which backend can open this version.</summary>
    public required string Backend { get; set; }

    /// <summary>Id of the key-encryption key that wrapped <see cref="WrappedKey"/> (embedded).</summary>
    public string? KekId { get; set; }

    /// <summary>The AES-256 data key, sealed by the key-encryption key: nonce ‖ ciphertext ‖ tag (embedded).</summary>
    public byte[]? WrappedKey { get; set; }

    /// <summary>The value sealed by the data key: nonce ‖ ciphertext ‖ tag (embedded).</summary>
    public byte[]? Ciphertext { get; set; }

    /// <summary>Vault secret name and version (azure-key-vault).</summary>
    public string? VaultReference { get; set; }
}
