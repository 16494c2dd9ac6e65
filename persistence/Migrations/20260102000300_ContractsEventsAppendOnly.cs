using Governance.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Persistence.Migrations;

/// <summary>contract_events is the source of every contract's history: rows may be added, never changed or removed.</summary>
[DbContext(typeof(GovernanceDbContext))]
[Migration("20260102000300_ContractsEventsAppendOnly")]
public sealed class ContractsEventsAppendOnly : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION contract_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'contract_events is append-only';
            END;
            $$;
            CREATE TRIGGER contract_events_append_only
                BEFORE UPDATE OR DELETE OR TRUNCATE ON contract_events
                FOR EACH STATEMENT EXECUTE FUNCTION contract_events_refuse_change();
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TRIGGER IF EXISTS contract_events_append_only ON contract_events;
            DROP FUNCTION IF EXISTS contract_events_refuse_change();
            """);
    }
}
