using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProductCatalogOrders.OrderService.Storage.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CustomerIdConcurrencyToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
