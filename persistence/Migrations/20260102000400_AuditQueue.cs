using Governance.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Persistence.Migrations;

/// <summary>
/// Entries are queued here in the transaction of the change they record, then numbered into audit_entries by the
/// sequencer, which removes them from the queue in the same transaction. Only the sequencer deletes rows here.
/// </summary>
[DbContext(typeof(GovernanceDbContext))]
[Migration("20260102000400_AuditQueue")]
public sealed class AuditQueue : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE audit_queue (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                timestamp timestamp with time zone NOT NULL,
                actor_kind character varying(16) NOT NULL,
                actor_id character varying(200) NOT NULL,
                action character varying(100) NOT NULL,
                subjects text[] NOT NULL,
                outcome character varying(16) NOT NULL,
                details jsonb NOT NULL,
                request_id character varying(100)
            );
            CREATE TRIGGER audit_queue_no_update BEFORE UPDATE ON audit_queue
                FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE IF EXISTS audit_queue;");
    }
}
