namespace Governance.Domain.Members;

/// <summary>A collaborator of the consortium, known by a slug id and one or more public keys.</summary>
public sealed class Member
{
    private readonly List<MemberKey> keys;
    private readonly List<ExternalIdentity> externalIdentities;

    /// <summary>
    /// How many active sign-in keys a member may hold. A token without <c>kid</c> is checked against each of them, so the
    /// bound is also what verifying one such token can cost.
    /// </summary>
    public const int MaxActiveKeys = 10;

    public Member(
        string id,
        string displayName,
        IReadOnlySet<MemberRole> roles,
        MemberStatus status,
        IEnumerable<MemberKey> keys,
        IEnumerable<ExternalIdentity> externalIdentities,
        MemberPublicKey? recoveryKey = null)
    {
        Id = MemberId.Require(id);
        DisplayName = RequireDisplayName(displayName);
        Roles = roles.Count > 0 ? roles : throw DomainException.Invalid("A member needs at least one role.");
        Status = status;
        this.keys = [.. keys];
        this.externalIdentities = [.. externalIdentities];
        RecoveryKey = recoveryKey;
    }

    public string Id { get; }

    public string DisplayName { get; }

    public IReadOnlySet<MemberRole> Roles { get; private set; }

    public MemberStatus Status { get; private set; }

    public IReadOnlyList<MemberKey> Keys => keys;

    public IReadOnlyList<ExternalIdentity> ExternalIdentities => externalIdentities;

    public bool IsActive => Status == MemberStatus.Active;

    /// <summary>Counted for quorum, may propose and vote: active and holding the member role. Operators never are.</summary>
    public bool IsVoter => IsActive && Roles.Contains(MemberRole.Member);

    public IEnumerable<MemberKey> ActiveKeys => keys.Where(k => k.IsActive);

    /// <summary>
    /// The P-384 public key (ECDH) this member's recovery share of the service's key-encryption key is encrypted to;
    /// null until the member registers one. It is never a sign-in key: a share holder keeps it offline.
    /// </summary>
    public MemberPublicKey? RecoveryKey { get; private set; }

    /// <summary>Registers (or replaces) the member's recovery key.</summary>
    public void SetRecoveryKey(MemberPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        EnsureActive();
        if (key.Curve != "P-384")
        {
            throw DomainException.Invalid("A recovery key is a P-384 key (shares are encrypted to it with ECDH-ES).");
        }

        if (keys.Any(k => k.KeyId == key.KeyId))
        {
            throw DomainException.Conflict("A recovery key must not be one of the member's sign-in keys; make a key for recovery alone.");
        }

        RecoveryKey = key;
    }

    public static string RequireDisplayName(string? displayName) =>
        !string.IsNullOrWhiteSpace(displayName) && displayName.Length <= 200
            ? displayName.Trim()
            : throw DomainException.Invalid("A display name is required (at most 200 characters).",
                new Dictionary<string, string[]> { ["displayName"] = ["Required, at most 200 characters."] });

    /// <summary>
    /// Registers a key; one that is registered to another member (even removed there) is refused, as a key belongs to one
    /// member only, and so is anyone's recovery key, which is kept for recovery alone.
    /// </summary>
    /// <param name="registered">Where the key is registered already, if anywhere.</param>
    public MemberKey AddKey(MemberPublicKey key, KeyRegistration registered, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(registered);
        if (registered.SignInKeyOf is { } owner && owner != Id)
        {
            throw DomainException.Conflict($"Key '{key.KeyId}' is registered to another member.");
        }

        if (registered.RecoveryKeyOf is not null || RecoveryKey?.KeyId == key.KeyId)
        {
            throw DomainException.Conflict($"Key '{key.KeyId}' is registered as a recovery key; a sign-in key must be a different key.");
        }

        return AddKey(key, now);
    }

    public MemberKey AddKey(MemberPublicKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        EnsureActive();
        var existing = keys.FirstOrDefault(k => k.KeyId == key.KeyId);
        if (existing is { IsActive: true })
        {
            throw DomainException.Conflict($"Key '{key.KeyId}' is already registered.");
        }

        if (existing is not null)
        {
            throw DomainException.Conflict($"Key '{key.KeyId}' was removed and cannot be registered again; create a new key.");
        }

        if (ActiveKeys.Count() >= MaxActiveKeys)
        {
            throw DomainException.Conflict($"A member holds at most {MaxActiveKeys} active sign-in keys; remove one before adding another.");
        }

        var added = MemberKey.From(key, now);
        keys.Add(added);
        return added;
    }

    /// <summary>Removes a key; the last active key stays so the member can still sign in.</summary>
    public MemberKey RemoveKey(string keyId, DateTimeOffset now)
    {
        EnsureActive();
        var index = keys.FindIndex(k => k.KeyId == keyId && k.IsActive);
        if (index < 0)
        {
            throw DomainException.NotFound("active key", keyId);
        }

        if (ActiveKeys.Count() == 1)
        {
            throw DomainException.Conflict("This is the member's last active key; add another key before removing it.");
        }

        keys[index] = keys[index] with { RemovedAt = now };
        return keys[index];
    }

    internal void ChangeRoles(IReadOnlySet<MemberRole> roles)
    {
        EnsureActive();
        Roles = roles;
    }

    internal void Remove()
    {
        EnsureActive();
        Status = MemberStatus.Removed;
    }

    private void EnsureActive()
    {
        if (!IsActive)
        {
            throw DomainException.Conflict($"Member '{Id}' has been removed.");
        }
    }
}
