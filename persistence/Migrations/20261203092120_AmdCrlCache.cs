using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AmdCrlCache : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "attestation_revocation_lists",
                columns: table => new
                {
                    store_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    der = table.Column<byte[]>(type: "bytea", nullable: false),
                    this_update = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_update = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    stored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attestation_revocation_lists", x => x.store_key);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attestation_revocation_lists");
        }
    }
}
