namespace Governance.Api.Application.Membership;

/// <summary>
/// A member registers (or replaces) the P-384 key its recovery share is encrypted to. A holder under the current
/// recovery policy gets a share under the new key at once, in the same transaction; since a new split replaces every
/// share, the other holders' shares are made anew too (their keys unchanged).
/// </summary>
internal sealed class SetRecoveryKey(MembershipChanges changes, IMembershipRepository membership, MakeRecoveryShares shares, IAuditLog audit)
{
    public Task<MemberPublicKey> HandleAsync(string memberId, MemberPublicKey key, CancellationToken cancellationToken) =>
        changes.ChangeAsync(async (now, ct) =>
        {
            var roll = await changes.LoadFoundedAsync(ct);
            var member = roll.Find(memberId) ?? throw DomainException.NotFound("member", memberId);
            if ((await membership.FindKeyRegistrationAsync(key.KeyId, ct)).SignInKeyOf is not null)
            {
                throw DomainException.Conflict("This key is registered as a sign-in key; a recovery key is kept for recovery alone.");
            }

            member.SetRecoveryKey(key);
            membership.SaveKeys(member);
            await audit.AppendAsync(AuditRecord.MemberRecoveryKeySet(memberId, key), ct);
            if (roll.Custody.Recovery is { } policy && policy.Holders.Contains(memberId))
            {
                await shares.MakeAsync(policy, roll, ct);
            }

            return key;
        }, cancellationToken);
}
