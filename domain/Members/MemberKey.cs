namespace Governance.Domain.Members;

/// <summary>A public signing key of a member. Removed keys are kept (with the time of removal) for the record.</summary>
public sealed record MemberKey(
    string KeyId,
    string Algorithm,
    string PublicJwk,
    DateTimeOffset AddedAt,
    DateTimeOffset? RemovedAt = null)
{
    public bool IsActive => RemovedAt is null;

    public static MemberKey From(MemberPublicKey key, DateTimeOffset addedAt) =>
        new(key.KeyId, key.Algorithm, key.Jwk, addedAt);
}
