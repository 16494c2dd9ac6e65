using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Protocol.Audit;
using Microsoft.EntityFrameworkCore;

namespace Governance.Persistence.Audit;

/// <summary>Reads entries: filtered pages in sequence order, single entries, and streamed ranges for export.</summary>
public sealed class AuditEntries(GovernanceDbContext db)
{
    public const string ContractSubjectPrefix = "contract:";

    public async Task<IReadOnlyList<AuditEntryRow>> ListAsync(AuditEntryFilter filter, CancellationToken cancellationToken = default)
    {
        var query = db.AuditEntries.AsNoTracking();
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
            string[] subject = [ContractSubjectPrefix + contractId];
            query = query.Where(e => e.Subjects.Any(s => subject.Contains(s)));
        }

        if (filter.VisibleToMember is { } member)
        {
            string[] contracts = [.. (filter.VisibleContracts ?? []).Select(c => ContractSubjectPrefix + c)];
            query = query.Where(e => (e.ActorKind == "member" && e.ActorId == member) || e.Subjects.Any(s => contracts.Contains(s)));
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

    public Task<AuditEntryRow?> FindAsync(long sequence, CancellationToken cancellationToken = default) =>
        db.AuditEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Sequence == sequence, cancellationToken);

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
