using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProductCatalogOrders.ProductService.Storage.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DeletionLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DecommissionCompletedAt",
                table: "Products",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DecommissionVersion",
                table: "Products",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LegalHoldBy",
                table: "Products",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LegalHoldReason",
                table: "Products",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LegalHoldSince",
                table: "Products",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PurgedAt",
                table: "Products",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DeletionConfirmations",
                columns: table => new
                {
                    ProductId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Consumer = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeletionConfirmations", x => new { x.ProductId, x.Version, x.Consumer });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeletionConfirmations");

            migrationBuilder.DropColumn(
                name: "DecommissionCompletedAt",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "DecommissionVersion",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "LegalHoldBy",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "LegalHoldReason",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "LegalHoldSince",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "PurgedAt",
                table: "Products");
        }
    }
}
