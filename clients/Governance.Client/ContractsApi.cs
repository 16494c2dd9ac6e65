namespace Governance.Client;

/// <summary>
/// Contracts (<c>/contracts</c>): drafts, proposal, approvals signed with the party's own key, rejection,
/// revocation, amendment. Reads return the ETag to send as If-Match with the next edit.
/// </summary>
public sealed class ContractsApi(GovernanceConnection connection)
{
    public Task<Tagged<ContractView>> CreateAsync(ContractContent content, CancellationToken cancellationToken = default) =>
        connection.SendForResponseAsync<ContractView>(HttpMethod.Post, "contracts", content, null, cancellationToken);

    public Task<Tagged<ContractView>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        connection.SendForResponseAsync<ContractView>(HttpMethod.Get, Path(id), null, null, cancellationToken);

    /// <summary>One page of the caller's contracts (auditors: all), newest first.</summary>
    public Task<ContractPage> ListAsync(ContractStateName? state = null, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (state is { } s)
        {
            query.Add("state=" + s.ToString().ToLowerInvariant());
        }

        if (cursor is not null)
        {
            query.Add("cursor=" + Uri.EscapeDataString(cursor));
        }

        if (limit is { } l)
        {
            query.Add("limit=" + l.ToString(CultureInfo.InvariantCulture));
        }

        return connection.SendAsync<ContractPage>(HttpMethod.Get, query.Count == 0 ? "contracts" : "contracts?" + string.Join('&', query), null, cancellationToken);
    }

    /// <summary>Every contract the caller sees, following the cursor to the end.</summary>
    public async IAsyncEnumerable<ContractSummary> ListAllAsync(ContractStateName? state = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await ListAsync(state, cursor, null, cancellationToken);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    /// <summary>Replaces a draft's content; <paramref name="etag"/> is the one read with it (412 when it changed since).</summary>
    public Task<Tagged<ContractView>> EditAsync(Guid id, ContractContent content, string etag, CancellationToken cancellationToken = default) =>
        connection.SendForResponseAsync<ContractView>(HttpMethod.Put, Path(id), content, IfMatch(etag), cancellationToken);

    /// <summary>Freezes the draft's content; from then on its digest is what the parties approve.</summary>
    public Task<Tagged<ContractView>> ProposeAsync(Guid id, string? etag = null, CancellationToken cancellationToken = default) =>
        connection.SendForResponseAsync<ContractView>(HttpMethod.Post, Path(id) + "/propose", null, etag is null ? null : IfMatch(etag), cancellationToken);

    /// <summary>The digest to approve and the exact payload the approval signature covers.</summary>
    public Task<ContractDigestView> GetDigestAsync(Guid id, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ContractDigestView>(HttpMethod.Get, Path(id) + "/digest", null, cancellationToken);

    /// <summary>Approves <paramref name="digest"/> with a detached JWS made by <see cref="ContractApprovalSignature.Sign"/>.</summary>
    public Task<ContractView> ApproveAsync(Guid id, string digest, string? signature, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ContractView>(HttpMethod.Post, Path(id) + "/approvals", new ApproveContractRequest(digest, signature), cancellationToken);

    /// <summary>Reads the current digest, signs it with <paramref name="key"/> and approves, in one step.</summary>
    public async Task<ContractView> SignAndApproveAsync(Guid id, ECDsa key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var digest = await GetDigestAsync(id, cancellationToken);
        var keyId = Auth.MemberTokenFactory.ComputeKeyId(key);
        var signature = ContractApprovalSignature.Sign(key, keyId, id, digest.Digest);
        return await ApproveAsync(id, digest.Digest, signature, cancellationToken);
    }

    /// <summary>Every approval with the key that signed it, for offline re-verification.</summary>
    public Task<ContractApprovalsView> GetApprovalsAsync(Guid id, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ContractApprovalsView>(HttpMethod.Get, Path(id) + "/approvals", null, cancellationToken);

    public Task<ContractView> RejectAsync(Guid id, string reason, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ContractView>(HttpMethod.Post, Path(id) + "/reject", new RejectContractRequest(reason), cancellationToken);

    public Task<ContractView> WithdrawAsync(Guid id, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ContractView>(HttpMethod.Post, Path(id) + "/withdraw", null, cancellationToken);

    /// <summary>Stops an accepted contract; releases are refused from the next request on.</summary>
    /// <summary>Turns one of the caller's consent switches on or off; <paramref name="request"/> carries the change signed with the caller's key.</summary>
    public Task<ContractView> ChangeConsentAsync(Guid id, ChangeConsentRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ContractView>(HttpMethod.Post, Path(id) + "/consent", request, cancellationToken);

    /// <summary>
    /// Reads the contract's consent sequence, signs the change of the caller's <paramref name="consentSwitch"/> over the next
    /// one with <paramref name="key"/> and sends it, in one step.
    /// </summary>
    public async Task<ContractView> SignAndChangeConsentAsync(
        Guid id, ECDsa key, string consentSwitch, bool enabled, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var contract = (await GetAsync(id, cancellationToken)).Value;
        var sequence = (contract.Consent?.Sequence ?? 0) + 1;
        var signature = ContractConsentSignature.Sign(key, Auth.MemberTokenFactory.ComputeKeyId(key), id, consentSwitch, enabled, sequence);
        return await ChangeConsentAsync(id, new ChangeConsentRequest(consentSwitch, enabled, sequence, signature, reason), cancellationToken);
    }

    public Task<ContractView> RevokeAsync(Guid id, string? reason = null, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ContractView>(HttpMethod.Post, Path(id) + "/revoke", new RevokeContractRequest(reason), cancellationToken);

    /// <summary>A new draft version of an accepted contract; the old one stays in force until the new one is accepted.</summary>
    public Task<Tagged<ContractView>> AmendAsync(Guid id, CancellationToken cancellationToken = default) =>
        connection.SendForResponseAsync<ContractView>(HttpMethod.Post, Path(id) + "/amend", null, null, cancellationToken);

    /// <summary>How this version's content differs from version <paramref name="fromVersion"/> of its amendment chain (default: the one before).</summary>
    public Task<ContractDiffView> GetDiffAsync(Guid id, int? fromVersion = null, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ContractDiffView>(HttpMethod.Get,
            Path(id) + "/diff" + (fromVersion is { } from ? "?from=" + from.ToString(CultureInfo.InvariantCulture) : ""), null, cancellationToken);

    public Task<IReadOnlyList<ContractEventView>> GetEventsAsync(Guid id, CancellationToken cancellationToken = default) =>
        connection.SendAsync<IReadOnlyList<ContractEventView>>(HttpMethod.Get, Path(id) + "/events", null, cancellationToken);

    /// <summary>Re-verifies every signed approval offline against the key served with it (the service is not trusted for this).</summary>
    public static IReadOnlyList<(ApprovalView Approval, ApprovalSignatureCheck Check)> VerifyApprovals(ContractApprovalsView approvals)
    {
        ArgumentNullException.ThrowIfNull(approvals);
        return [.. approvals.Approvals.Select(a => (a, a.IsUnsigned || a.Signature is null || a.PublicJwk is null
            ? ApprovalSignatureCheck.Fail("Unsigned approval (external identity).")
            : ContractApprovalSignature.Verify(a.Signature, approvals.ContractId, a.Digest, a.PublicJwk)))];
    }

    private static string Path(Guid id) => $"contracts/{id:D}";

    private static Dictionary<string, string> IfMatch(string etag) => new() { ["If-Match"] = etag };
}
