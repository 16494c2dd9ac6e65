using Governance.Domain;
using Governance.Domain.Audit;
using Governance.Domain.Errors;
using Governance.Domain.Members;
using Governance.Domain.Proposals;
using Governance.Persistence.Audit;

namespace Governance.Api.Application.Membership;

/// <summary>A member registers another public key of its own; a key belongs to one member only and is never registered twice.</summary>
internal sealed class AddOwnKey(IUnitOfWork unitOfWork, IMembershipRepository membership, IAuditLog audit, TimeProvider time)
{
    public async Task<MemberKey> HandleAsync(string memberId, MemberPublicKey key, CancellationToken cancellationToken)
    {
        await using var work = await unitOfWork.BeginAsync(cancellationToken);
        await membership.LockAsync(cancellationToken);
        var registeredTo = await membership.KeyOwnerAsync(key.KeyId, cancellationToken);
        var member = await membership.LoadMemberAsync(memberId, cancellationToken) ?? throw DomainException.NotFound("member", memberId);
        var added = member.AddKey(key, registeredTo, time.StoredNow());

        membership.SaveKeys(member);
        await audit.AppendAsync(AuditRecord.MemberKeyAdded(memberId, added), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return added;
    }
}
