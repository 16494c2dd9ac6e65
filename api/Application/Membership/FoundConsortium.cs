namespace Governance.Api.Application.Membership;

/// <summary>
/// Writes the founding members and rules into an empty database, with the <c>consortium.genesis</c> entry. Replicas
/// founding at once are serialised by the membership lock, and only the first finds the database empty.
/// </summary>
internal sealed class FoundConsortium(MembershipChanges changes, IMembershipRepository membership, IAuditLog audit)
{
    /// <returns>False when the consortium was founded already.</returns>
    public Task<bool> HandleAsync(Genesis genesis, CancellationToken cancellationToken) =>
        changes.ChangeAsync(async (now, ct) =>
        {
            if (await membership.IsFoundedAsync(ct))
            {
                return false;
            }

            membership.Found(genesis, now);
            await audit.AppendAsync(AuditRecord.ConsortiumFounded(genesis), ct);
            return true;
        }, cancellationToken);
}
