
namespace Governance.Api.Application.Membership;

/// <summary>A member removes one of its keys; the last active key stays, so the member can still sign in.</summary>
internal sealed class RemoveOwnKey(MembershipChanges changes)
{
    public Task<MemberKey> HandleAsync(string memberId, string keyId, CancellationToken cancellationToken) =>
        changes.ChangeKeysAsync(memberId, (member, now, _) =>
            Task.FromResult((member.RemoveKey(keyId, now), AuditRecord.MemberKeyRemoved(memberId, keyId))), cancellationToken);
}
