namespace Governance.Api.Application.Membership;

/// <summary>Reads of proposals; every signed-in member may read them all.</summary>
internal sealed class ProposalQueries(IMembershipRepository membership)
{
    public async Task<Proposal> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await membership.FindProposalAsync(id, cancellationToken) ?? throw DomainException.NotFound("proposal", id.ToString());

    /// <summary>Newest first, one page.</summary>
    public Task<ProposalListing> ListAsync(ProposalQuery query, CancellationToken cancellationToken) =>
        membership.ListProposalsAsync(query, cancellationToken);
}
