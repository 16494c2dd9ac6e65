namespace Governance.Api.Application.Membership;

/// <summary>
/// The shape every membership change shares: open the unit of work, take the membership lock, load and let the domain
/// decide, save the change with its audit entries, commit. Time is read once the lock is held, at the precision
/// PostgreSQL keeps, so an answer equals what later reads return.
/// </summary>
internal sealed class MembershipChanges(IUnitOfWork unitOfWork, IMembershipRepository membership, IAuditLog audit, TimeProvider time)
{
    public async Task<T> ChangeAsync<T>(Func<DateTimeOffset, CancellationToken, Task<T>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var work = await unitOfWork.BeginAsync(cancellationToken);
        await membership.LockAsync(cancellationToken);
        var result = await change(time.StoredNow(), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>A change of a member's own keys, recorded by the one entry <paramref name="change"/> returns with the key.</summary>
    public Task<MemberKey> ChangeKeysAsync(
        string memberId, Func<Member, DateTimeOffset, CancellationToken, Task<(MemberKey Key, AuditRecord Entry)>> change, CancellationToken cancellationToken) =>
        ChangeAsync(async (now, ct) =>
        {
            var member = await membership.LoadMemberAsync(memberId, ct) ?? throw DomainException.NotFound("member", memberId);
            var (key, entry) = await change(member, now, ct);
            membership.SaveKeys(member);
            await audit.AppendAsync(entry, ct);
            return key;
        }, cancellationToken);

    /// <summary>The membership for change; a proposal before genesis has nobody to decide it.</summary>
    public async Task<Domain.Proposals.Membership> LoadFoundedAsync(CancellationToken cancellationToken) =>
        await membership.LoadMembershipAsync(cancellationToken) ?? throw DomainException.Conflict("The consortium has no genesis yet.");

    /// <summary>The proposal for change.</summary>
    public async Task<Proposal> LoadProposalAsync(Guid proposalId, CancellationToken cancellationToken) =>
        await membership.LoadProposalAsync(proposalId, cancellationToken) ?? throw DomainException.NotFound("proposal", proposalId.ToString());
}
