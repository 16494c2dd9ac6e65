using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ContractConsentSwitches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "contract_consents",
                columns: table => new
                {
                    contract_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    @switch = table.Column<string>(name: "switch", type: "character varying(16)", maxLength: 16, nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    signature = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    key_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    public_jwk = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contract_consents", x => new { x.contract_id, x.sequence });
                    table.ForeignKey(
                        name: "FK_contract_consents_contracts_contract_id",
                        column: x => x.contract_id,
                        principalTable: "contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            // The consent changes are what a release reads for a pause: rows may be added, never changed or removed.
            migrationBuilder.Sql("""
                CREATE FUNCTION contract_consents_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'contract_consents is append-only';
                END;
                $$;
                CREATE TRIGGER contract_consents_append_only
                    BEFORE UPDATE OR DELETE OR TRUNCATE ON contract_consents
                    FOR EACH STATEMENT EXECUTE FUNCTION contract_consents_refuse_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS contract_consents_append_only ON contract_consents;
                DROP FUNCTION IF EXISTS contract_consents_refuse_change();
                """);
            migrationBuilder.DropTable(
                name: "contract_consents");
        }
    }
}
