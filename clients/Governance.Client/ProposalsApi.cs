using Governance.Client.Http;
using Governance.Protocol.Members;

namespace Governance.Client;

/// <summary>Membership proposals and ballots (<c>/proposals</c>).</summary>
public sealed class ProposalsApi(GovernanceConnection connection)
{
    public Task<ProposalResponse> ProposeAsync(CreateProposalRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ProposalResponse>(HttpMethod.Post, "proposals", request, cancellationToken);

    public Task<IReadOnlyList<ProposalResponse>> ListAsync(ProposalStateDto? state = null, CancellationToken cancellationToken = default) =>
        connection.SendAsync<IReadOnlyList<ProposalResponse>>(HttpMethod.Get,
            state is null ? "proposals" : "proposals?state=" + System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(state.Value.ToString()),
            null, cancellationToken);

    public Task<ProposalResponse> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ProposalResponse>(HttpMethod.Get, $"proposals/{id}", null, cancellationToken);

    /// <summary>Casts the signed-in member's ballot (the same ballot again is idempotent; a different one is 409).</summary>
    public Task<ProposalResponse> VoteAsync(Guid id, VoteDto vote, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ProposalResponse>(HttpMethod.Post, $"proposals/{id}/ballots", new CastBallotRequest { Vote = vote }, cancellationToken);

    /// <summary>Withdraws an open proposal (its proposer only).</summary>
    public Task<ProposalResponse> WithdrawAsync(Guid id, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ProposalResponse>(HttpMethod.Post, $"proposals/{id}/withdraw", null, cancellationToken);
}
