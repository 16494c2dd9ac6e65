using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Security.KeyVault.Secrets;

namespace Governance.Persistence.Secrets;

/// <summary>
/// Values in Azure Key Vault, one vault secret per owner/name (its versions are the vault's versions); the
/// row keeps only the vault's name and version. Vault names are derived by hashing, so owners' names need
/// not fit the vault's character set and reveal nothing in the vault.
/// </summary>
internal sealed class KeyVaultSecretVault(SecretClient client) : ISecretVault
{
    public const string Name = "azure-key-vault";

    private const string ContentType = "application/octet-stream; encoding=base64";

    public string Backend => Name;

    public async Task SealAsync(SecretRow row, byte[] value, CancellationToken cancellationToken)
    {
        var secret = new KeyVaultSecret(VaultName(row.Owner, row.Name), Convert.ToBase64String(value));
        secret.Properties.ContentType = ContentType;
        var stored = await client.SetSecretAsync(secret, cancellationToken);
        row.VaultReference = $"{stored.Value.Name}/{stored.Value.Properties.Version}";
    }

    public async Task<byte[]> OpenAsync(SecretRow row, CancellationToken cancellationToken)
    {
        var reference = row.VaultReference ?? throw new InvalidOperationException($"Secret version {row.Id} has no vault reference.");
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        var secret = await client.GetSecretAsync(reference[..slash], reference[(slash + 1)..], cancellationToken);
        return Convert.FromBase64String(secret.Value.Value);
    }

    public async Task DestroyAsync(string owner, string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.StartDeleteSecretAsync(VaultName(owner, name), cancellationToken);
        }
        catch (RequestFailedException failure) when (failure.Status == 404)
        {
            // Already gone: deletion is idempotent.
        }
    }

    internal static string VaultName(string owner, string name)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{owner}\0{name}"));
        return $"gov-{Convert.ToHexStringLower(digest)}";
    }
}
