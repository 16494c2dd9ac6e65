namespace Governance.Api.Endpoints;

public static class AuditEndpoints
{
    public const string TreeSizeHeader = "Audit-Tree-Size";

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/audit").WithTags("Audit");
        // Entries are queued with their changes and sequenced shortly after; readers catch up first so the log
        // they see includes every change committed before their request.
        group.AddEndpointFilter(async (context, next) =>
        {
            await context.HttpContext.RequestServices.GetRequiredService<AuditSequencer>().CatchUpAsync(context.HttpContext.RequestAborted);
            return await next(context);
        });
        group.MapGet("/entries", ListEntries).WithName("ListAuditEntries").RequireAuthorization(Policies.Authenticated)
            .AddEndpointFilter<RenamedAuditFilters>();
        group.MapGet("/entries/{seq:long}", GetEntry).WithName("GetAuditEntry").RequireAuthorization(Policies.Authenticated);
        group.MapGet("/entries/{seq:long}/proof", GetInclusionProof).WithName("GetAuditInclusionProof").RequireAuthorization(Policies.Authenticated);
        group.MapGet("/tree-heads/latest", GetLatestTreeHead).WithName("GetLatestAuditTreeHead").RequireAuthorization(Policies.Authenticated);
        group.MapGet("/tree-heads/{size:long}", GetTreeHead).WithName("GetAuditTreeHead").RequireAuthorization(Policies.Authenticated);
        group.MapGet("/consistency", GetConsistencyProof).WithName("GetAuditConsistencyProof").RequireAuthorization(Policies.Authenticated);
        group.MapGet("/checkpoint", GetCheckpoint).WithName("GetAuditCheckpoint").RequireAuthorization(Policies.Authenticated);
        group.MapGet("/export", Export).WithName("ExportAuditEntries").RequireAuthorization(Policies.Auditor)
            .AddEndpointFilter<RenamedAuditFilters>();
        return app;
    }

    /// <summary>Lists entries in sequence order. Auditors see all; other members their own actions and entries about their contracts.</summary>
    /// <remarks>
    /// Filters combine: `fromSequence` (inclusive) and `toSequence` (exclusive) bound the sequence numbers, `fromTime`
    /// (inclusive) and `toTime` (exclusive) the timestamps (ISO 8601 with an offset, e.g. 2026-01-15T09:30:00Z);
    /// `actor` is a member id, VM claims digest or "system"; `action` an exact action (contract.approved) or a prefix
    /// ending in `.*` (release.*); `contract` a contract id; `subject` any subject an entry names (member:alice,
    /// secret:alice/db-key); `measurement` a clean room's launch measurement (96 lowercase hex digits) in release entries;
    /// `outcome` succeeded, denied or failed. A filter that is malformed answers 400 naming it in `errors`.
    /// </remarks>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="limit">Page size, 1 to 1000 (default 100).</param>
    internal static async Task<Ok<AuditEntryPage>> ListEntries(
        ClaimsPrincipal user, AuditEntries entries, AuditIntegrityMonitor monitor,
        [AsParameters] AuditEntryQuery query, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var page = PageRequest.Parse(cursor, limit, defaultLimit: 100, maxLimit: 1000);

        // One entry more than the page is read, so the last page carries no cursor even when it is full.
        var filter = query.ToFilter(page.After, page.Limit + 1);
        var scope = await ScopeOfAsync(user, entries, cancellationToken);
        var (rows, next) = page.Cut(await entries.ListAsync(filter, scope, cancellationToken), row => row.Sequence);
        return TypedResults.Ok(new AuditEntryPage([.. rows.Select(row => Intact(AuditEntries.ToDto(row), monitor))], next));
    }

    /// <summary>One entry, if the caller may see it.</summary>
    internal static async Task<Ok<AuditEntryDto>> GetEntry(
        long seq, ClaimsPrincipal user, AuditEntries entries, AuditIntegrityMonitor monitor, CancellationToken cancellationToken) =>
        TypedResults.Ok(Intact(AuditEntries.ToDto(await VisibleEntryAsync(seq, user, entries, cancellationToken)), monitor));

    /// <summary>Inclusion proof of an entry in the signed tree head of size treeSize (default: the latest head).</summary>
    internal static async Task<Ok<InclusionProofDto>> GetInclusionProof(
        long seq, long? treeSize, ClaimsPrincipal user, AuditEntries entries, AuditTree tree, AuditTreeHeads heads,
        AuditIntegrityMonitor monitor, CancellationToken cancellationToken)
    {
        var entry = await VisibleEntryAsync(seq, user, entries, cancellationToken);
        Intact(AuditEntries.ToDto(entry), monitor);
        var head = treeSize is { } size ? await heads.AtSizeAsync(size, cancellationToken) : await heads.LatestAsync(cancellationToken);
        if (seq >= head.TreeSize)
        {
            throw DomainException.Invalid($"Entry {seq} is not covered by the tree head of size {head.TreeSize}.");
        }

        var path = await tree.InclusionProofAsync(seq, head.TreeSize, cancellationToken);
        return TypedResults.Ok(new InclusionProofDto(seq, head.TreeSize, Convert.ToBase64String(entry.LeafHash), [.. path.Select(Convert.ToBase64String)], head));
    }

    /// <summary>The signed head of the whole log; signs a new head if the log grew.</summary>
    internal static async Task<Ok<TreeHeadDto>> GetLatestTreeHead(AuditTreeHeads heads, CancellationToken cancellationToken) =>
        TypedResults.Ok(await heads.LatestAsync(cancellationToken));

    /// <summary>The signed head of the first size entries.</summary>
    internal static async Task<Ok<TreeHeadDto>> GetTreeHead(long size, AuditTreeHeads heads, CancellationToken cancellationToken) =>
        TypedResults.Ok(await heads.AtSizeAsync(size, cancellationToken));

    /// <summary>Consistency proof between the signed heads of sizes from and to (default: the latest).</summary>
    internal static async Task<Ok<ConsistencyProofDto>> GetConsistencyProof(
        long from, long? to, AuditTree tree, AuditTreeHeads heads, CancellationToken cancellationToken)
    {
        var newHead = to is { } size ? await heads.AtSizeAsync(size, cancellationToken) : await heads.LatestAsync(cancellationToken);
        if (from < 0 || from > newHead.TreeSize)
        {
            throw DomainException.Invalid("from must be between 0 and to.");
        }

        var oldHead = await heads.AtSizeAsync(from, cancellationToken);
        var proof = await tree.ConsistencyProofAsync(from, newHead.TreeSize, cancellationToken);
        return TypedResults.Ok(new ConsistencyProofDto(from, newHead.TreeSize, [.. proof.Select(Convert.ToBase64String)], oldHead, newHead));
    }

    /// <summary>The latest tree head as a C2SP tlog-checkpoint signed note (text/plain).</summary>
    internal static async Task<ContentHttpResult> GetCheckpoint(
        AuditTreeHeads heads, IServiceSigningKeys keys, IOptions<AuditOptions> options, CancellationToken cancellationToken)
    {
        var head = await heads.LatestAsync(cancellationToken);
        var key = await keys.GetCurrentAsync(cancellationToken);
        var note = CheckpointNote.Sign(options.Value.Origin, head.TreeSize, head.RootHashBytes(), key.PrivateKey);
        return TypedResults.Text(note, "text/plain; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>
    /// Streams entries with sequence in [fromSequence, toSequence) as JSON Lines or CSV. The response header
    /// Audit-Tree-Size names the signed head covering the export (GET /audit/tree-heads/{size}); toSequence defaults to that size.
    /// </summary>
    /// <param name="fromSequence">First sequence number (default 0).</param>
    /// <param name="toSequence">Sequence number after the last one (default: the size of the latest signed head).</param>
    /// <param name="format">jsonl (default) or csv.</param>
    internal static async Task Export(
        HttpContext context, long? fromSequence, long? toSequence, string? format, AuditEntries entries, AuditTreeHeads heads, CancellationToken cancellationToken)
    {
        format ??= "jsonl";
        if (format is not ("jsonl" or "csv"))
        {
            throw DomainException.BadParameter("format", "format must be jsonl or csv.");
        }

        if (fromSequence is < 0 || (toSequence is { } last && last < (fromSequence ?? 0)))
        {
            throw DomainException.BadParameter(fromSequence is < 0 ? "fromSequence" : "toSequence",
                "fromSequence is 0 or more, and toSequence at least fromSequence.");
        }

        var head = await heads.LatestAsync(cancellationToken);
        var end = Math.Min(toSequence ?? head.TreeSize, head.TreeSize);
        var start = fromSequence ?? 0;
        if (start > end)
        {
            throw DomainException.BadParameter("fromSequence", $"fromSequence is beyond the signed log, which holds {end} entries.");
        }

        var response = context.Response;
        response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8";
        response.Headers[TreeSizeHeader] = head.TreeSize.ToString(CultureInfo.InvariantCulture);
        response.Headers["Audit-Tree-Head"] = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(head, AuditJson.Options));
        response.Headers.ContentDisposition = $"attachment; filename=audit-{start}-{end}.{format}";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 65536);
        if (format == "csv")
        {
            await writer.WriteAsync(AuditCsv.Header);
        }

        var written = 0;
        await foreach (var row in entries.StreamAsync(start, end, cancellationToken))
        {
            var dto = AuditEntries.ToDto(row) with { Proof = null };
            await writer.WriteAsync(format == "csv" ? AuditCsv.Line(dto) : JsonSerializer.Serialize(dto, AuditJson.Options) + "\n");
            if (++written % 1000 == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// The entry as served, after re-hashing its stored content: an entry altered in place would otherwise be served
    /// with its original leaf hash and a valid proof of that hash. A mismatch is refused and reported as an integrity
    /// failure (error log and counter).
    /// </summary>
    private static AuditEntryDto Intact(AuditEntryDto entry, AuditIntegrityMonitor monitor)
    {
        if (MerkleHash.AreEqual(AuditEntryCanonicalForm.LeafHash(entry), Convert.FromBase64String(entry.LeafHash)))
        {
            return entry;
        }

        monitor.ReportAlteredEntry(entry.Sequence);
        throw new DomainException(ErrorKind.Conflict, "Audit entry altered",
            $"Entry {entry.Sequence.ToString(CultureInfo.InvariantCulture)} does not match its recorded leaf hash, so it is not served; this was logged as an integrity failure.");
    }

    /// <summary>The entry if the caller's scope holds it; a missing entry and a hidden one get the same answer, so members cannot probe what exists.</summary>
    private static async Task<AuditEntryRow> VisibleEntryAsync(long seq, ClaimsPrincipal user, AuditEntries entries, CancellationToken cancellationToken) =>
        await entries.FindAsync(seq, await ScopeOfAsync(user, entries, cancellationToken), cancellationToken)
        ?? throw DomainException.NotFound("audit entry", seq.ToString(CultureInfo.InvariantCulture));

    private static Task<Domain.Audit.AuditScope> ScopeOfAsync(ClaimsPrincipal user, AuditEntries entries, CancellationToken cancellationToken) =>
        entries.ScopeOfAsync(user.MemberId(), user.IsInRole(Roles.Auditor), cancellationToken);
}
