using System.Security.Cryptography;

namespace Governance.Persistence.Keys;

/// <summary>
/// The service's own ECDSA signing keys: P-384 for audit tree heads, P-256 for release receipts (see
/// <see cref="ServiceKeyPurpose"/>). Keys are persisted so every replica signs with the same current key, and
/// rotation keeps old public keys published so earlier signatures still verify.
/// </summary>
public interface IServiceSigningKeys
{
    /// <summary>The tree-head key to sign with now; created on first use.</summary>
    Task<ServiceSigningKey> GetCurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>The key of <paramref name="purpose"/> to sign with now; created on first use.</summary>
    Task<ServiceSigningKey> GetCurrentAsync(ServiceKeyPurpose purpose, CancellationToken cancellationToken = default);

    /// <summary>Every key ever used, newest first (their public halves are published at GET /keys).</summary>
    Task<IReadOnlyList<ServiceSigningKey>> GetAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a new current tree-head key; older keys stay for verification.</summary>
    Task<ServiceSigningKey> RotateAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a new current key of <paramref name="purpose"/>; older keys stay for verification.</summary>
    Task<ServiceSigningKey> RotateAsync(ServiceKeyPurpose purpose, CancellationToken cancellationToken = default);
}

/// <param name="KeyId">RFC 7638 thumbprint (base64url) of the public key.</param>
/// <param name="PrivateKey">P-384 or P-256 key; callers must not dispose it.</param>
public sealed record ServiceSigningKey(string KeyId, ECDsa PrivateKey, DateTimeOffset CreatedAt)
{
    public ServiceKeyPurpose Purpose => ServiceKeyPurposes.Of(PrivateKey);
}
