using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ServiceCustody : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "recovery_key_id",
                table: "members",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recovery_key_jwk",
                table: "members",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "recovery_holders",
                table: "consortium_settings",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<int>(
                name: "recovery_threshold",
                table: "consortium_settings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "service_measurements",
                table: "consortium_settings",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.CreateTable(
                name: "service_custody",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    key_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    key_check = table.Column<byte[]>(type: "bytea", nullable: false),
                    rules_seal = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_custody", x => x.id);
                    table.CheckConstraint("ck_service_custody_singleton", "id = 1");
                });

            migrationBuilder.CreateTable(
                name: "service_custody_seals",
                columns: table => new
                {
                    key_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    chip_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    measurement = table.Column<string>(type: "character varying(96)", maxLength: 96, nullable: false),
                    @sealed = table.Column<byte[]>(name: "sealed", type: "bytea", nullable: false),
                    sealed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_custody_seals", x => new { x.key_id, x.chip_id, x.measurement });
                });

            migrationBuilder.CreateTable(
                name: "service_key_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    measurement = table.Column<string>(type: "character varying(96)", maxLength: 96, nullable: false),
                    attestation = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    answer = table.Column<string>(type: "text", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_key_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "service_recovery_shares",
                columns: table => new
                {
                    member_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    key_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recovery_key_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    threshold = table.Column<int>(type: "integer", nullable: false),
                    encrypted_share = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_recovery_shares", x => x.member_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_service_key_requests_state_created_at",
                table: "service_key_requests",
                columns: new[] { "state", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "service_custody");

            migrationBuilder.DropTable(
                name: "service_custody_seals");

            migrationBuilder.DropTable(
                name: "service_key_requests");

            migrationBuilder.DropTable(
                name: "service_recovery_shares");

            migrationBuilder.DropColumn(
                name: "recovery_key_id",
                table: "members");

            migrationBuilder.DropColumn(
                name: "recovery_key_jwk",
                table: "members");

            migrationBuilder.DropColumn(
                name: "recovery_holders",
                table: "consortium_settings");

            migrationBuilder.DropColumn(
                name: "recovery_threshold",
                table: "consortium_settings");

            migrationBuilder.DropColumn(
                name: "service_measurements",
                table: "consortium_settings");
        }
    }
}
