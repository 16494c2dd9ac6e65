namespace Governance.Persistence.Secrets;

/// <summary>Configuration section <c>Secrets</c>.</summary>
public sealed class SecretsOptions
{
    public const string Section = "Secrets";

    /// <summary>Which backend stores values.</summary>
    public SecretsBackend Backend { get; set; } = SecretsBackend.Embedded;

    /// <summary>Embedded backend: every key-encryption key that may have wrapped a stored data key.</summary>
    public List<KeyEncryptionKeyOptions> KeyEncryptionKeys { get; set; } = [];

    /// <summary>Embedded backend: id of the key that wraps new data keys (default: the first listed).</summary>
    public string? CurrentKeyEncryptionKey { get; set; }

    /// <summary>Azure Key Vault backend: the vault, e.g. https://my-vault.vault.azure.net/.</summary>
    public Uri? KeyVaultUri { get; set; }

    /// <summary>Azure Key Vault backend: what happens to the vault's secret when a value is deleted.</summary>
    public KeyVaultOptions KeyVault { get; set; } = new();

    /// <summary>Azure Key Vault backend: the credential; DefaultAzureCredential when unset.</summary>
    public TokenCredential? KeyVaultCredential { get; set; }

    /// <summary>Azure Key Vault backend: adjusts the SDK client (transport, retries).</summary>
    public Action<SecretClientOptions>? ConfigureKeyVaultClient { get; set; }
}

/// <summary>Configuration section <c>Secrets:KeyVault</c>.</summary>
public sealed class KeyVaultOptions
{
    /// <summary>
    /// Purge a deleted secret from the vault once its deletion completed (needs the vault's purge permission). Key
    /// Vault keeps deleted secrets recoverable for its retention period and refuses their names meanwhile, so
    /// without purging a deleted name cannot be uploaded again until someone purges or recovers it in the vault.
    /// Vaults with purge protection refuse purges: set this to false there.
    /// </summary>
    public bool PurgeOnDelete { get; set; } = true;

    /// <summary>How often the vault is asked whether a deletion completed before the secret is purged.</summary>
    public TimeSpan DeletePollingInterval { get; set; } = TimeSpan.FromSeconds(1);
}

public enum SecretsBackend
{
    Embedded,
    AzureKeyVault,
}

/// <summary>One key-encryption key: 32 bytes, standard base64, given inline (e.g. from the environment) or in a file.</summary>
public sealed class KeyEncryptionKeyOptions
{
    public string Id { get; set; } = "";

    public string? Key { get; set; }

    public string? File { get; set; }
}
