using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ServiceSigningKeysSealed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<byte[]>(
                name: "private_key_pkcs8",
                table: "service_signing_keys",
                type: "bytea",
                nullable: true,
                oldClrType: typeof(byte[]),
                oldType: "bytea");

            migrationBuilder.AddColumn<string>(
                name: "kek_id",
                table: "service_signing_keys",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "wrapped_private_key",
                table: "service_signing_keys",
                type: "bytea",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "kek_id",
                table: "service_signing_keys");

            migrationBuilder.DropColumn(
                name: "wrapped_private_key",
                table: "service_signing_keys");

            migrationBuilder.AlterColumn<byte[]>(
                name: "private_key_pkcs8",
                table: "service_signing_keys",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0],
                oldClrType: typeof(byte[]),
                oldType: "bytea",
                oldNullable: true);
        }
    }
}
