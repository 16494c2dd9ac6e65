using Governance.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Persistence.Migrations;

/// <summary>
/// Release entries carry the evidence's claims (mostly hex digests, about 1.7 KB), which PostgreSQL compresses
/// on insert into both the queue and the log; pglz spent a tenth of the database's CPU on it under release load.
/// lz4 compresses as well for this data at a fraction of the cost. Servers built without lz4 keep pglz, and
/// rows already written keep the method they were written with.
/// </summary>
[DbContext(typeof(GovernanceDbContext))]
[Migration("20261202010000_AuditDetailsLz4")]
public sealed class AuditDetailsLz4 : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DO $$
            BEGIN
                IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
                    ALTER TABLE audit_queue ALTER COLUMN details SET COMPRESSION lz4;
                    ALTER TABLE audit_entries ALTER COLUMN details SET COMPRESSION lz4;
                END IF;
            END
            $$;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE audit_queue ALTER COLUMN details SET COMPRESSION default;
            ALTER TABLE audit_entries ALTER COLUMN details SET COMPRESSION default;
            """);
    }
}
