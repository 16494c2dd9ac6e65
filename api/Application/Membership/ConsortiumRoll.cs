using Governance.Domain.Errors;
using Governance.Domain.Proposals;

namespace Governance.Api.Application.Membership;

internal static class ConsortiumRoll
{
    /// <summary>The membership for change; a proposal before genesis has nobody to decide it.</summary>
    public static async Task<Domain.Proposals.Membership> LoadFoundedAsync(this IMembershipRepository membership, CancellationToken cancellationToken) =>
        await membership.LoadMembershipAsync(cancellationToken) ?? throw DomainException.Conflict("The consortium has no genesis yet.");
}
