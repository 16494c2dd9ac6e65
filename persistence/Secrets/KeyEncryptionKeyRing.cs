using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Governance.Persistence.Secrets;

/// <summary>
/// The configured key-encryption keys: the current one wraps new data keys, every one unwraps. Rotation is
/// adding a key, making it current, then re-wrapping (<see cref="SecretKeyRotation"/>); the old key can go
/// once nothing refers to it.
/// </summary>
public sealed class KeyEncryptionKeyRing
{
    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly Lazy<(string CurrentId, Dictionary<string, byte[]> Keys)> keys;

    public KeyEncryptionKeyRing(IOptions<SecretsOptions> options)
    {
        keys = new Lazy<(string, Dictionary<string, byte[]>)>(() => Load(options.Value));
    }

    public string CurrentId => keys.Value.CurrentId;

    /// <summary>Seals a data key under the current key-encryption key: nonce ‖ ciphertext ‖ tag.</summary>
    public (string KekId, byte[] Wrapped) Wrap(ReadOnlySpan<byte> dataKey)
    {
        var id = CurrentId;
        return (id, Seal(keys.Value.Keys[id], dataKey, Aad(id)));
    }

    public byte[] Unwrap(string kekId, byte[] wrapped)
    {
        if (!keys.Value.Keys.TryGetValue(kekId, out var kek))
        {
            throw new InvalidOperationException($"Key-encryption key '{kekId}' is not configured; it is still needed to open stored secrets.");
        }

        return Open(kek, wrapped, Aad(kekId));
    }

    internal static byte[] Seal(byte[] key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> aad)
    {
        var output = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceBytes, plaintext.Length), output.AsSpan(NonceBytes + plaintext.Length), aad);
        return output;
    }

    internal static byte[] Open(byte[] key, ReadOnlySpan<byte> sealedValue, ReadOnlySpan<byte> aad)
    {
        if (sealedValue.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("The sealed value is truncated.");
        }

        var length = sealedValue.Length - NonceBytes - TagBytes;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedValue[..NonceBytes], sealedValue.Slice(NonceBytes, length), sealedValue[(NonceBytes + length)..], plaintext, aad);
        return plaintext;
    }

    private static byte[] Aad(string kekId) => Encoding.UTF8.GetBytes($"governance-kek-v1\0{kekId}");

    private static (string, Dictionary<string, byte[]>) Load(SecretsOptions options)
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

            if (key.Length != KeyBytes)
            {
                throw new InvalidOperationException($"Key-encryption key '{entry.Id}' must be {KeyBytes} bytes.");
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

        return (current, loaded);
    }
}
