using Governance.Domain;
using Governance.Domain.Audit;
using Governance.Domain.Errors;
using Governance.Domain.Members;
using Governance.Domain.Proposals;
using Governance.Persistence.Audit;

namespace Governance.Api.Application.Membership;

/// <summary>A member removes one of its keys; the last active key stays, so the member can still sign in.</summary>
internal sealed class RemoveOwnKey(IUnitOfWork unitOfWork, IMembershipRepository membership, IAuditLog audit, TimeProvider time)
{
    public async Task<MemberKey> HandleAsync(string memberId, string keyId, CancellationToken cancellationToken)
    {
        await using var work = await unitOfWork.BeginAsync(cancellationToken);
        await membership.LockAsync(cancellationToken);
        var member = await membership.LoadMemberAsync(memberId, cancellationToken) ?? throw DomainException.NotFound("member", memberId);
        var removed = member.RemoveKey(keyId, time.StoredNow());

        membership.SaveKeys(member);
        await audit.AppendAsync(AuditRecord.MemberKeyRemoved(memberId, keyId), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return removed;
    }
}
