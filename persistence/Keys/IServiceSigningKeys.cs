namespace Governance.Persistence.Keys;

/// <summary>
/// The service's own ECDSA signing keys: P-384 for audit tree heads, P-256 for release receipts (see
/// <see cref="ServiceKeyPurpose"/>). Keys are persisted (sealed by the key-encryption key ring) so every
/// replica signs with the same current key, and rotation keeps old public keys published so earlier
/// signatures still verify.
/// </summary>
public interface IServiceSigningKeys
{
    /// <summary>The tree-head key to sign with now; created on first use.</summary>
    Task<ServiceSigningKey> GetCurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>The key of <paramref name="purpose"/> to sign with now; created on first use.</summary>
    Task<ServiceSigningKey> GetCurrentAsync(ServiceKeyPurpose purpose, CancellationToken cancellationToken = default);

    /// <summary>Every key ever used, newest first (their public halves are published at GET /keys).</summary>
    Task<IReadOnlyList<ServiceSigningKey>> GetAllAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The public half of every key ever used, newest first, as published at GET /keys. Read from the stored
    /// public keys, so publishing never opens a sealed private key.
    /// </summary>
    Task<IReadOnlyList<ServiceJwk>> GetPublicKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a new current tree-head key on behalf of the system; older keys stay for verification.</summary>
    Task<ServiceSigningKey> RotateAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a new current key of <paramref name="purpose"/> on behalf of the system; older keys stay for verification.</summary>
    Task<ServiceSigningKey> RotateAsync(ServiceKeyPurpose purpose, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a new current key for every purpose; older keys stay for verification. The new rows and one
    /// audit entry per key (<c>service.signing_key.rotated</c>, naming <paramref name="actor"/>) commit together.
    /// </summary>
    Task<IReadOnlyList<ServiceSigningKeyRotation>> RotateAllAsync(AuditActor actor, CancellationToken cancellationToken = default);
}

/// <param name="KeyId">RFC 7638 thumbprint (base64url) of the public key.</param>
/// <param name="PrivateKey">P-384 or P-256 key; callers must not dispose it.</param>
public sealed record ServiceSigningKey(string KeyId, ECDsa PrivateKey, DateTimeOffset CreatedAt)
{
    public ServiceKeyPurpose Purpose => ServiceKeyPurposes.Of(PrivateKey);
}

/// <param name="Purpose">What the key signs.</param>
/// <param name="Current">The key that signs from now on.</param>
/// <param name="PreviousKeyId">The key of the same purpose it replaces (null if there was none).</param>
public sealed record ServiceSigningKeyRotation(ServiceKeyPurpose Purpose, ServiceSigningKey Current, string? PreviousKeyId)
{
    /// <summary>The purpose as the audit log and the API name it: <c>treeHeads</c> or <c>receipts</c>.</summary>
    public string PurposeName => NameOf(Purpose);

    internal static string NameOf(ServiceKeyPurpose purpose) => purpose == ServiceKeyPurpose.Receipts ? "receipts" : "treeHeads";
}
