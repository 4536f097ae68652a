using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Storage;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.ProductService.Storage;

/// <summary>The product store on SQL Server (Aspire profile); owns Storage/Migrations/SqlServer.</summary>
public sealed class SqlServerProductsDbContext(DbContextOptions<SqlServerProductsDbContext> options) : ProductsDbContext(options);

internal sealed class SqlServerProductsDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerProductsDbContext>;
