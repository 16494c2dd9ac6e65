using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Governance.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ProposalListingSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing proposals are numbered in creation order, so newest-first paging keeps its order across the change.
            migrationBuilder.Sql("""
                ALTER TABLE proposals ADD listing_sequence bigint;
                UPDATE proposals p SET listing_sequence = o.n
                  FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM proposals) o WHERE p.id = o.id;
                ALTER TABLE proposals ALTER listing_sequence SET NOT NULL;
                ALTER TABLE proposals ALTER listing_sequence ADD GENERATED ALWAYS AS IDENTITY;
                SELECT setval(pg_get_serial_sequence('proposals', 'listing_sequence'), COALESCE(MAX(listing_sequence), 0) + 1, false) FROM proposals;
                """);

            migrationBuilder.AddUniqueConstraint(
                name: "AK_proposals_listing_sequence",
                table: "proposals",
                column: "listing_sequence");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropUniqueConstraint(
                name: "AK_proposals_listing_sequence",
                table: "proposals");

            migrationBuilder.DropColumn(
                name: "listing_sequence",
                table: "proposals");
        }
    }
}
