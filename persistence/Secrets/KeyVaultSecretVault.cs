namespace Governance.Persistence.Secrets;

/// <summary>
/// Values in Azure Key Vault, one vault secret per owner/name (its versions are the vault's versions); the
/// row keeps only the vault's name and version. Vault names are derived by hashing, so owners' names need
/// not fit the vault's character set and reveal nothing in the vault. Key Vault soft-deletes: a deleted
/// secret stays recoverable and keeps its name, so deletion purges it too (<see cref="KeyVaultOptions.PurgeOnDelete"/>)
/// for the name to be usable again.
/// </summary>
internal sealed partial class KeyVaultSecretVault(SecretClient client, IOptions<SecretsOptions> options, ILogger<KeyVaultSecretVault> logger) : ISecretVault
{
    public const string Name = "azure-key-vault";

    private const string ContentType = "application/octet-stream; encoding=base64";

    private KeyVaultOptions Options => options.Value.KeyVault;

    public string Backend => Name;

    public async Task SealAsync(SecretRow row, byte[] value, CancellationToken cancellationToken)
    {
        var secret = new KeyVaultSecret(VaultName(row.Owner, row.Name), Convert.ToBase64String(value));
        secret.Properties.ContentType = ContentType;
        Response<KeyVaultSecret> stored;
        try
        {
            stored = await client.SetSecretAsync(secret, cancellationToken);
        }
        catch (RequestFailedException failure) when (failure.Status == 409)
        {
            // The vault refuses the name of a soft-deleted secret. Only a deletion of ours leaves one behind, so
            // with purging configured the remnant (say, of a deletion interrupted before its purge) goes now.
            if (!Options.PurgeOnDelete)
            {
                throw DomainException.Conflict(
                    $"Secret '{row.Name}' was deleted and Key Vault keeps it recoverable under its name; it can be stored again once it is purged from the vault (Secrets:KeyVault:PurgeOnDelete).");
            }

            try
            {
                await PurgeAsync(secret.Name, cancellationToken);
            }
            catch (RequestFailedException purge) when (purge.Status == 409)
            {
                throw DomainException.Conflict($"Secret '{row.Name}' is still being deleted from Key Vault; retry in a moment.");
            }

            stored = await client.SetSecretAsync(secret, cancellationToken);
        }

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
        var vaultName = VaultName(owner, name);
        try
        {
            var deletion = await client.StartDeleteSecretAsync(vaultName, cancellationToken);
            if (Options.PurgeOnDelete)
            {
                // The vault refuses to purge a secret whose deletion is still in progress.
                await deletion.WaitForCompletionAsync(Options.DeletePollingInterval, cancellationToken);
            }
        }
        catch (RequestFailedException failure) when (failure.Status == 404)
        {
            // Already gone (or already soft-deleted): deletion is idempotent; a leftover is still purged below.
        }

        if (Options.PurgeOnDelete)
        {
            try
            {
                await PurgeAsync(vaultName, cancellationToken);
            }
            catch (RequestFailedException failure)
            {
                // The value is deleted and unreadable either way; the name stays taken until the vault purges it.
                LogPurgeFailed(logger, vaultName, failure.Status, failure.ErrorCode);
            }
        }
    }

    private async Task PurgeAsync(string vaultName, CancellationToken cancellationToken)
    {
        try
        {
            await client.PurgeDeletedSecretAsync(vaultName, cancellationToken);
        }
        catch (RequestFailedException failure) when (failure.Status == 404)
        {
            // Nothing soft-deleted under this name.
        }
    }

    internal static string VaultName(string owner, string name)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{owner}\0{name}"));
        return $"gov-{Convert.ToHexStringLower(digest)}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging deleted Key Vault secret {VaultName} failed ({Status} {ErrorCode}); its name stays reserved until the vault purges it")]
    private static partial void LogPurgeFailed(ILogger logger, string vaultName, int status, string? errorCode);
}
