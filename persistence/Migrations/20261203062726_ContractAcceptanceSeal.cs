using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Persistence.Migrations
{
    /// <summary>
    /// The service's signed statement of the digest every party accepted; releases check the stored contract against it.
    /// Contracts accepted before this column existed are sealed at start-up when their stored approvals prove acceptance.
    /// </summary>
    public partial class ContractAcceptanceSeal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "acceptance_seal",
                table: "contracts",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "acceptance_seal",
                table: "contracts");
        }
    }
}
