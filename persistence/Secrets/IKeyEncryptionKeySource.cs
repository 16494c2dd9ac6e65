namespace Governance.Persistence.Secrets;

/// <summary>Where the key-encryption keys come from: configuration, or the service's own custody in confidential mode.</summary>
public interface IKeyEncryptionKeySource
{
    /// <summary>The keys now; throws a 503 domain refusal while a confidential instance does not hold them.</summary>
    KeyEncryptionKeySet Current { get; }
}

/// <param name="CurrentId">The key that wraps new data keys.</param>
/// <param name="Keys">Every key that may still unwrap, by id (32 bytes each).</param>
public sealed record KeyEncryptionKeySet(string CurrentId, IReadOnlyDictionary<string, byte[]> Keys)
{
    public const int KeyBytes = 32;
}
