namespace Governance.Api.Application.Membership;

/// <summary>
/// A member registers another public key of its own; a key belongs to one member only, is never registered twice, and is
/// never anyone's recovery key.
/// </summary>
internal sealed class AddOwnKey(MembershipChanges changes, IMembershipRepository membership)
{
    public Task<MemberKey> HandleAsync(string memberId, MemberPublicKey key, CancellationToken cancellationToken) =>
        changes.ChangeKeysAsync(memberId, async (member, now, ct) =>
        {
            var added = member.AddKey(key, await membership.FindKeyRegistrationAsync(key.KeyId, ct), now);
            return (added, AuditRecord.MemberKeyAdded(memberId, added));
        }, cancellationToken);
}
