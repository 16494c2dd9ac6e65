namespace Governance.Client;

/// <summary>The tamper-evident audit log (<c>/audit</c>) and the service's signing keys (<c>/keys</c>).</summary>
public sealed class AuditApi(GovernanceConnection connection)
{
    /// <summary>One page of entries; pass <see cref="AuditEntryPage.NextCursor"/> back as <paramref name="cursor"/>.</summary>
    public Task<AuditEntryPage> ListEntriesAsync(
        DateTimeOffset? from = null, DateTimeOffset? to = null, string? actor = null, string? action = null,
        Guid? contract = null, string? outcome = null, string? cursor = null, int? limit = null,
        CancellationToken cancellationToken = default) =>
        SearchAsync(new AuditSearch { FromTime = from, ToTime = to, Actor = actor, Action = action, Contract = contract?.ToString("D"), Outcome = outcome },
            cursor, limit, cancellationToken);

    /// <summary>One page of the entries <paramref name="search"/> selects; pass <see cref="AuditEntryPage.NextCursor"/> back as <paramref name="cursor"/>.</summary>
    public Task<AuditEntryPage> SearchAsync(AuditSearch search, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        var query = new List<string>();
        Add(query, "fromSequence", search.FromSequence?.ToString(CultureInfo.InvariantCulture));
        Add(query, "toSequence", search.ToSequence?.ToString(CultureInfo.InvariantCulture));
        Add(query, "fromTime", search.FromTime?.ToString("O", CultureInfo.InvariantCulture));
        Add(query, "toTime", search.ToTime?.ToString("O", CultureInfo.InvariantCulture));
        Add(query, "actor", search.Actor);
        Add(query, "action", search.Action);
        Add(query, "contract", search.Contract);
        Add(query, "subject", search.Subject);
        Add(query, "measurement", search.Measurement);
        Add(query, "outcome", search.Outcome);
        Add(query, "cursor", cursor);
        Add(query, "limit", limit?.ToString(CultureInfo.InvariantCulture));
        var path = query.Count == 0 ? "audit/entries" : "audit/entries?" + string.Join('&', query);
        return connection.SendAsync<AuditEntryPage>(HttpMethod.Get, path, null, cancellationToken);
    }

    public Task<AuditEntryDto> GetEntryAsync(long sequence, CancellationToken cancellationToken = default) =>
        connection.SendAsync<AuditEntryDto>(HttpMethod.Get, $"audit/entries/{sequence}", null, cancellationToken);

    /// <summary>Inclusion proof of an entry, against the signed head of <paramref name="treeSize"/> (default: the latest).</summary>
    public Task<InclusionProofDto> GetInclusionProofAsync(long sequence, long? treeSize = null, CancellationToken cancellationToken = default) =>
        connection.SendAsync<InclusionProofDto>(HttpMethod.Get,
            treeSize is { } size ? $"audit/entries/{sequence}/proof?treeSize={size}" : $"audit/entries/{sequence}/proof", null, cancellationToken);

    public Task<TreeHeadDto> GetLatestTreeHeadAsync(CancellationToken cancellationToken = default) =>
        connection.SendAsync<TreeHeadDto>(HttpMethod.Get, "audit/tree-heads/latest", null, cancellationToken);

    public Task<TreeHeadDto> GetTreeHeadAsync(long treeSize, CancellationToken cancellationToken = default) =>
        connection.SendAsync<TreeHeadDto>(HttpMethod.Get, $"audit/tree-heads/{treeSize}", null, cancellationToken);

    public Task<ConsistencyProofDto> GetConsistencyProofAsync(long from, long to, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ConsistencyProofDto>(HttpMethod.Get, $"audit/consistency?from={from}&to={to}", null, cancellationToken);

    /// <summary>The latest signed head as a C2SP checkpoint note.</summary>
    public async Task<string> GetCheckpointAsync(CancellationToken cancellationToken = default)
    {
        using var response = await connection.SendStreamingAsync(new HttpRequestMessage(HttpMethod.Get, "audit/checkpoint"), cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Streams entries [from, to) into <paramref name="destination"/> and returns the signed head that covers them.</summary>
    public async Task<TreeHeadDto> ExportAsync(
        Stream destination, long? from = null, long? to = null, string format = "jsonl", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await using var export = await OpenExportAsync(from, to, format, cancellationToken);
        await export.Content.CopyToAsync(destination, cancellationToken);
        return export.TreeHead;
    }

    /// <summary>
    /// Starts an export of entries [from, to): the signed head covering it is known at once (to size a
    /// progress bar), the entries arrive as the caller reads <see cref="AuditExportStream.Content"/>.
    /// </summary>
    public async Task<AuditExportStream> OpenExportAsync(
        long? from = null, long? to = null, string format = "jsonl", CancellationToken cancellationToken = default)
    {
        var path = new StringBuilder("audit/export?format=").Append(Uri.EscapeDataString(format));
        if (from is { } f)
        {
            path.Append(CultureInfo.InvariantCulture, $"&fromSequence={f}");
        }

        if (to is { } t)
        {
            path.Append(CultureInfo.InvariantCulture, $"&toSequence={t}");
        }

        var response = await connection.SendStreamingAsync(new HttpRequestMessage(HttpMethod.Get, path.ToString()), cancellationToken);
        try
        {
            var head = JsonSerializer.Deserialize<TreeHeadDto>(
                Convert.FromBase64String(response.Headers.GetValues("Audit-Tree-Head").Single()), AuditJson.Options)!;
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new AuditExportStream(response, head, body);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Every service signing key, current first, to verify tree heads and release receipts.</summary>
    public Task<ServiceJwkSet> GetServiceKeysAsync(CancellationToken cancellationToken = default) =>
        connection.SendAsync<ServiceJwkSet>(HttpMethod.Get, "keys", null, cancellationToken);

    private static void Add(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }
}
