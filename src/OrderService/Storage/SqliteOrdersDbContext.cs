using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Storage;
using ProductCatalogOrders.OrderService.Orders;

namespace ProductCatalogOrders.OrderService.Storage;

/// <summary>The order store on SQLite (local profile); owns Storage/Migrations/Sqlite.</summary>
public sealed class SqliteOrdersDbContext(DbContextOptions<SqliteOrdersDbContext> options) : OrdersDbContext(options);

internal sealed class SqliteOrdersDesignTimeFactory : SqliteDesignTimeFactory<SqliteOrdersDbContext>;
