namespace Governance.Persistence.Secrets;

/// <summary>
/// The key-encryption keys the operator configures (<c>Secrets:KeyEncryptionKeys</c>): outside confidential mode,
/// whoever runs the service holds them.
/// </summary>
public sealed class ConfiguredKeyEncryptionKeys : IKeyEncryptionKeySource
{
    private readonly Lazy<KeyEncryptionKeySet> keys;

    public ConfiguredKeyEncryptionKeys(IOptions<SecretsOptions> options)
    {
        keys = new Lazy<KeyEncryptionKeySet>(() => Load(options.Value));
    }

    public KeyEncryptionKeySet Current => keys.Value;

    private static KeyEncryptionKeySet Load(SecretsOptions options)
    {
        if (options.KeyEncryptionKeys.Count == 0)
        {
            throw new InvalidOperationException(
                "No key-encryption key is configured: set Secrets:KeyEncryptionKeys (Id and Key or File); they seal stored secrets and the service signing keys.");
        }

        var loaded = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in options.KeyEncryptionKeys)
        {
            if (string.IsNullOrWhiteSpace(entry.Id))
            {
                throw new InvalidOperationException("Every Secrets:KeyEncryptionKeys entry needs an Id.");
            }

            var text = entry.Key ?? (entry.File is null ? null : File.ReadAllText(entry.File).Trim());
            byte[] key;
            try
            {
                key = Convert.FromBase64String(text ?? "");
            }
            catch (FormatException)
            {
                throw new InvalidOperationException($"Key-encryption key '{entry.Id}' is not standard base64.");
            }

            if (key.Length != KeyEncryptionKeySet.KeyBytes)
            {
                throw new InvalidOperationException($"Key-encryption key '{entry.Id}' must be {KeyEncryptionKeySet.KeyBytes} bytes.");
            }

            if (!loaded.TryAdd(entry.Id, key))
            {
                throw new InvalidOperationException($"Key-encryption key id '{entry.Id}' is listed twice.");
            }
        }

        var current = options.CurrentKeyEncryptionKey ?? options.KeyEncryptionKeys[0].Id;
        if (!loaded.ContainsKey(current))
        {
            throw new InvalidOperationException($"Secrets:CurrentKeyEncryptionKey '{current}' is not among Secrets:KeyEncryptionKeys.");
        }

        return new KeyEncryptionKeySet(current, loaded);
    }
}
