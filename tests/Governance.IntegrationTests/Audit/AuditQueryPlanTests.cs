using Governance.Domain.Audit;
using Governance.Persistence;
using Governance.Persistence.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Audit;

/// <summary>
/// Filtered audit queries are planned for their values. Over a log where one contract is busy and another has
/// no entries, a generic plan (which PostgreSQL adopts for a prepared statement after a few runs when it looks
/// cheaper) reads the whole log in sequence order to answer the rare contract.
/// </summary>
public sealed class AuditQueryPlanTests(AuditDatabase database) : IClassFixture<AuditDatabase>
{
    private const string FilteredStatement = "%a.subjects && %";

    [Fact]
    public async Task Contract_filters_are_planned_for_their_values_on_a_connection_that_prepares_statements()
    {
        await using var scope = database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO audit_entries (sequence, timestamp, actor_kind, actor_id, action, subjects, outcome, details, request_id, leaf_hash)
            SELECT g, now(), 'member', 'm' || (g % 50), 'release.granted', ARRAY['contract:c' || (g % 100)], 'succeeded', '{{}}', NULL, '\x00'
            FROM generate_series((SELECT coalesce(max(sequence) + 1, 0) FROM audit_entries), 60000) AS g;
            ANALYZE audit_entries;
            """);
        var entries = scope.ServiceProvider.GetRequiredService<AuditEntries>();

        await db.Database.OpenConnectionAsync();
        try
        {
            for (var i = 0; i < 10; i++)
            {
                Assert.NotEmpty(await entries.ListAsync(new AuditEntryFilter(ContractId: $"c{i}", Outcome: "succeeded"), AuditScope.Everything));
            }

            Assert.Empty(await entries.ListAsync(new AuditEntryFilter(ContractId: "never-used", Outcome: "succeeded"), AuditScope.Everything));
            var (generic, custom) = await PlansAsync(db);
            Assert.Equal(0, generic);
            Assert.True(custom >= 5, $"{custom} custom plans: Npgsql prepares a statement from its fifth use on");

            // The same statement without the per-query setting does get a generic plan on this data, which is
            // what the setting prevents.
            var outcome = "succeeded";
            for (var i = 0; i < 10; i++)
            {
                string[] subject = [$"contract:c{i}"];
                _ = await db.AuditEntries.AsNoTracking()
                    .Where(e => e.Outcome == outcome && e.Subjects.Any(s => subject.Contains(s)))
                    .OrderBy(e => e.Sequence).Take(100).ToListAsync();
            }

            Assert.True((await PlansAsync(db)).Generic > 0, "PostgreSQL kept custom plans by itself; this test no longer shows the hazard");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<(long Generic, long Custom)> PlansAsync(GovernanceDbContext db)
    {
        var generic = await db.Database.SqlQueryRaw<long>(
            "SELECT coalesce(sum(generic_plans), 0)::bigint AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE {0}", FilteredStatement).SingleAsync();
        var custom = await db.Database.SqlQueryRaw<long>(
            "SELECT coalesce(sum(custom_plans), 0)::bigint AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE {0}", FilteredStatement).SingleAsync();
        return (generic, custom);
    }
}
