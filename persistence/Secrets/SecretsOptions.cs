using Azure.Core;
using Azure.Security.KeyVault.Secrets;

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

    /// <summary>Azure Key Vault backend: the credential; DefaultAzureCredential when unset.</summary>
    public TokenCredential? KeyVaultCredential { get; set; }

    /// <summary>Azure Key Vault backend: adjusts the SDK client (transport, retries).</summary>
    public Action<SecretClientOptions>? ConfigureKeyVaultClient { get; set; }
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
