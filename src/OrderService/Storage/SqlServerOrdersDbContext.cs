using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Storage;
using ProductCatalogOrders.OrderService.Orders;

namespace ProductCatalogOrders.OrderService.Storage;

/// <summary>The order store on SQL Server (Aspire profile); owns Storage/Migrations/SqlServer.</summary>
public sealed class SqlServerOrdersDbContext(DbContextOptions<SqlServerOrdersDbContext> options) : OrdersDbContext(options);

internal sealed class SqlServerOrdersDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerOrdersDbContext>;
