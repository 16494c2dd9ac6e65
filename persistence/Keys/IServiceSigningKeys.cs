using System.Security.Cryptography;
using Governance.Domain.Audit;
using Governance.Protocol.Audit;

namespace Governance.Persistence.Keys;

/// <summary>
/// The service's own ECDSA P-384 signing keys: they sign audit tree heads and release receipts. Keys are
/// persisted (sealed by the key-encryption key ring) so every replica signs with the same current key, and
/// rotation keeps old public keys published so earlier signatures still verify.
/// </summary>
public interface IServiceSigningKeys
{
    /// <summary>The key to sign with now; created on first use.</summary>
    Task<ServiceSigningKey> GetCurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>Every key ever used, newest first (their public halves are published at GET /keys).</summary>
    Task<IReadOnlyList<ServiceSigningKey>> GetAllAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The public half of every key ever used, newest first, as published at GET /keys. Read from the stored
    /// public keys, so publishing never opens a sealed private key.
    /// </summary>
    Task<IReadOnlyList<ServiceJwk>> GetPublicKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a new current key on behalf of the system; older keys stay for verification.</summary>
    Task<ServiceSigningKey> RotateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a new current key; older keys stay for verification. The new row and its audit entry
    /// (<c>service.signing_key.rotated</c>, naming <paramref name="actor"/>) commit together.
    /// </summary>
    Task<ServiceSigningKeyRotation> RotateAsync(AuditActor actor, CancellationToken cancellationToken = default);
}

/// <param name="KeyId">RFC 7638 thumbprint (base64url) of the public key.</param>
/// <param name="PrivateKey">P-384 key; callers must not dispose it.</param>
public sealed record ServiceSigningKey(string KeyId, ECDsa PrivateKey, DateTimeOffset CreatedAt);

/// <param name="Current">The key that signs from now on.</param>
/// <param name="PreviousKeyId">The key it replaces (null if there was none).</param>
public sealed record ServiceSigningKeyRotation(ServiceSigningKey Current, string? PreviousKeyId);
