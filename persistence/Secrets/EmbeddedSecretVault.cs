namespace Governance.Persistence.Secrets;

/// <summary>
/// Envelope encryption in the row: a fresh AES-256-GCM data key per version seals the value (bound to
/// owner, name and version so sealed values cannot be swapped between rows), and the current
/// key-encryption key seals the data key.
/// </summary>
public sealed class EmbeddedSecretVault(KeyEncryptionKeyRing keys) : ISecretVault
{
    public const string Name = "embedded";

    public string Backend => Name;

    public Task SealAsync(SecretRow row, byte[] value, CancellationToken cancellationToken)
    {
        var dataKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            row.Ciphertext = KeyEncryptionKeyRing.Seal(dataKey, value, Aad(row));
            (row.KekId, row.WrappedKey) = keys.Wrap(dataKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }

        return Task.CompletedTask;
    }

    public Task<byte[]> OpenAsync(SecretRow row, CancellationToken cancellationToken)
    {
        if (row.Ciphertext is null || row.WrappedKey is null || row.KekId is null)
        {
            throw new InvalidOperationException($"Secret version {row.Id} has no sealed value.");
        }

        var dataKey = keys.Unwrap(row.KekId, row.WrappedKey);
        try
        {
            return Task.FromResult(KeyEncryptionKeyRing.Open(dataKey, row.Ciphertext, Aad(row)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    public Task DestroyAsync(string owner, string name, CancellationToken cancellationToken) => Task.CompletedTask;

    private static byte[] Aad(SecretRow row) =>
        Encoding.UTF8.GetBytes($"governance-secret-v1\0{row.Owner}\0{row.Name}\0{row.Version}");
}
