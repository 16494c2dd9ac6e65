using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Persistence.Migrations
{
    /// <summary>
    /// Contract events say whether a member or the service acted, beside the actor's id: the id alone could not tell the
    /// service from a member whose id is <c>system</c>. Rows written before carry the only reading they ever had: the id
    /// <c>system</c> was the service. The append-only trigger is lifted for that one statement, inside this migration's
    /// transaction.
    /// </summary>
    public partial class ContractEventActorKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "actor_kind",
                table: "contract_events",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Member");
            migrationBuilder.Sql("""
                ALTER TABLE contract_events DISABLE TRIGGER contract_events_append_only;
                UPDATE contract_events SET actor_kind = 'System' WHERE actor = 'system';
                ALTER TABLE contract_events ENABLE TRIGGER contract_events_append_only;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "actor_kind",
                table: "contract_events");
        }
    }
}
