namespace Governance.Client;

/// <summary>Membership proposals and ballots (<c>/proposals</c>).</summary>
public sealed class ProposalsApi(GovernanceConnection connection)
{
    public Task<ProposalResponse> ProposeAsync(CreateProposalRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ProposalResponse>(HttpMethod.Post, "proposals", request, cancellationToken);

    /// <summary>Proposes the service builds (launch measurements, 96 hex digits each) trusted with the key-encryption key; it replaces the current list.</summary>
    public Task<ProposalResponse> ProposeServiceMeasurementsAsync(IEnumerable<string> measurements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        return ProposeAsync(new CreateProposalRequest { Kind = ProposalKindDto.SetServiceMeasurements, Measurements = [.. measurements] }, cancellationToken);
    }

    /// <summary>Proposes that any <paramref name="threshold"/> of <paramref name="holders"/> recover the key-encryption key (each needs a recovery key registered).</summary>
    public Task<ProposalResponse> ProposeRecoveryPolicyAsync(int threshold, IEnumerable<string> holders, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(holders);
        return ProposeAsync(new CreateProposalRequest { Kind = ProposalKindDto.SetRecoveryPolicy, Threshold = threshold, Holders = [.. holders] }, cancellationToken);
    }

    /// <summary>One page of proposals, newest first; <paramref name="cursor"/> is the previous page's NextCursor.</summary>
    public Task<ProposalPage> ListPageAsync(ProposalStateDto? state = null, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (state is not null)
        {
            query.Add("state=" + System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(state.Value.ToString()));
        }

        if (cursor is not null)
        {
            query.Add("cursor=" + Uri.EscapeDataString(cursor));
        }

        if (limit is not null)
        {
            query.Add("limit=" + limit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return connection.SendAsync<ProposalPage>(HttpMethod.Get, query.Count == 0 ? "proposals" : "proposals?" + string.Join('&', query), null, cancellationToken);
    }

    /// <summary>Every proposal (optionally in one state), newest first, reading page after page.</summary>
    public async IAsyncEnumerable<ProposalResponse> ListAsync(
        ProposalStateDto? state = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await ListPageAsync(state, cursor, limit: 200, cancellationToken).ConfigureAwait(false);
            foreach (var proposal in page.Items)
            {
                yield return proposal;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    public Task<ProposalResponse> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ProposalResponse>(HttpMethod.Get, $"proposals/{id}", null, cancellationToken);

    /// <summary>Casts the signed-in member's ballot (the same ballot again is idempotent; a different one is 409).</summary>
    public Task<ProposalResponse> VoteAsync(Guid id, VoteDto vote, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ProposalResponse>(HttpMethod.Post, $"proposals/{id}/ballots", new CastBallotRequest { Vote = vote }, cancellationToken);

    /// <summary>Withdraws an open proposal (its proposer only).</summary>
    public Task<ProposalResponse> WithdrawAsync(Guid id, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ProposalResponse>(HttpMethod.Post, $"proposals/{id}/withdraw", null, cancellationToken);
}
