namespace Governance.Persistence.Audit;

/// <summary>Reads entries: filtered pages in sequence order, single entries, and streamed ranges for export.</summary>
public sealed class AuditEntries(GovernanceDbContext db)
{
    /// <summary>The scope of a signed-in member: every entry for an auditor, otherwise its own and those about its contracts.</summary>
    public async Task<AuditScope> ScopeOfAsync(string memberId, bool isAuditor, CancellationToken cancellationToken = default)
    {
        // An auditor's scope does not depend on its contracts, so they are not read.
        List<Guid> contracts = isAuditor
            ? []
            : await db.Contracts.AsNoTracking().Where(c => c.Parties.Contains(memberId)).Select(c => c.Id).ToListAsync(cancellationToken);
        return AuditScope.Of(memberId, isAuditor, contracts);
    }

    /// <summary>The entries in <paramref name="scope"/> that match <paramref name="filter"/>, in sequence order.</summary>
    public async Task<IReadOnlyList<AuditEntryRow>> ListAsync(AuditEntryFilter filter, AuditScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.AuditEntries.AsNoTracking().Within(scope);
        if (filter.After is { } after)
        {
            query = query.Where(e => e.Sequence > after);
        }

        if (filter.FromSequence is { } fromSequence)
        {
            query = query.Where(e => e.Sequence >= fromSequence);
        }

        if (filter.ToSequence is { } toSequence)
        {
            query = query.Where(e => e.Sequence < toSequence);
        }

        if (filter.ActionPrefix is { } prefix)
        {
            query = query.Where(e => e.Action.StartsWith(prefix));
        }

        if (filter.Subject is { } wanted)
        {
            string[] subjects = [wanted];
            query = query.Where(e => e.Subjects.Any(s => subjects.Contains(s)));
        }

        if (filter.Measurement is { } measurement)
        {
            var claims = new JsonObject { ["claims"] = new JsonObject { ["measurement"] = measurement } }.ToJsonString();
            query = query.Where(e => EF.Functions.JsonContains(e.Details, claims));
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.Timestamp >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.Timestamp < to);
        }

        if (filter.Actor is { } actor)
        {
            query = query.Where(e => e.ActorId == actor);
        }

        if (filter.Action is { } action)
        {
            query = query.Where(e => e.Action == action);
        }

        if (filter.Outcome is { } outcome)
        {
            query = query.Where(e => e.Outcome == outcome);
        }

        if (filter.ContractId is { } contractId)
        {
            string[] subject = [AuditSubjects.Contract(contractId)];
            query = query.Where(e => e.Subjects.Any(s => subject.Contains(s)));
        }

        // The largest page (1,000) and the one entry more that tells whether another page follows.
        query = query.OrderBy(e => e.Sequence).Take(Math.Clamp(filter.Limit, 1, 1001));

        // The connection prepares repeated statements, and after a few runs PostgreSQL may keep one generic plan
        // for all parameter values. For these filters the values decide the plan: a contract or actor with few
        // entries wants the GIN or actor index, a busy one the scan in sequence order, and the generic plan
        // (sequence order) reads the whole log to find nothing for a rare value. So this query is planned for
        // its values every time, which costs a fraction of a millisecond.
        return await db.InTransactionAsync(async ct =>
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_custom_plan", ct);
            return (IReadOnlyList<AuditEntryRow>)await query.ToListAsync(ct);
        }, cancellationToken);
    }

    /// <summary>The entry at <paramref name="sequence"/>; null when there is none or it is outside <paramref name="scope"/>.</summary>
    public Task<AuditEntryRow?> FindAsync(long sequence, AuditScope scope, CancellationToken cancellationToken = default) =>
        db.AuditEntries.AsNoTracking().Within(scope).FirstOrDefaultAsync(e => e.Sequence == sequence, cancellationToken);

    /// <summary>Entries [from, to) in order, streamed in pages so memory stays flat for any range.</summary>
    public async IAsyncEnumerable<AuditEntryRow> StreamAsync(long from, long to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const int page = 2000;
        var next = from;
        while (next < to)
        {
            var upper = Math.Min(to, next + page);
            var rows = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= next && e.Sequence < upper).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                yield return row;
            }

            next = upper;
        }
    }

    public static AuditEntryDto ToDto(AuditEntryRow row)
    {
        using var details = JsonDocument.Parse(row.Details);
        return new AuditEntryDto(
            row.Sequence, row.Timestamp, row.ActorKind, row.ActorId, row.Action, row.Subjects, row.Outcome,
            details.RootElement.Clone(), row.RequestId, Convert.ToBase64String(row.LeafHash), $"/audit/entries/{row.Sequence}/proof");
    }
}
