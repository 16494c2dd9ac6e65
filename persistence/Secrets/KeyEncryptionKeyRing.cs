namespace Governance.Persistence.Secrets;

/// <summary>
/// The key-encryption keys of <see cref="IKeyEncryptionKeySource"/>: the current one wraps new data keys, every one unwraps. Rotation is
/// adding a key, making it current, then re-wrapping (<see cref="SecretKeyRotation"/>); the old key can go
/// once nothing refers to it.
/// </summary>
public sealed class KeyEncryptionKeyRing
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly IKeyEncryptionKeySource source;

    public KeyEncryptionKeyRing(IKeyEncryptionKeySource source)
    {
        this.source = source;
    }

    public string CurrentId => source.Current.CurrentId;

    /// <summary>Seals a data key under the current key-encryption key: nonce ‖ ciphertext ‖ tag.</summary>
    public (string KekId, byte[] Wrapped) Wrap(ReadOnlySpan<byte> dataKey)
    {
        var keys = source.Current;
        return (keys.CurrentId, Seal(keys.Keys[keys.CurrentId], dataKey, Aad(keys.CurrentId)));
    }

    public byte[] Unwrap(string kekId, byte[] wrapped)
    {
        if (!source.Current.Keys.TryGetValue(kekId, out var kek))
        {
            throw new InvalidOperationException($"Key-encryption key '{kekId}' is not configured; it is still needed to open stored secrets.");
        }

        return Open(kek, wrapped, Aad(kekId));
    }

    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> aad)
    {
        var output = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceBytes, plaintext.Length), output.AsSpan(NonceBytes + plaintext.Length), aad);
        return output;
    }

    public static byte[] Open(byte[] key, ReadOnlySpan<byte> sealedValue, ReadOnlySpan<byte> aad)
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
}
