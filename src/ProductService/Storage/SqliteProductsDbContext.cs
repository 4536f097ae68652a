using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Storage;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.ProductService.Storage;

/// <summary>The product store on SQLite (local profile); owns Storage/Migrations/Sqlite.</summary>
public sealed class SqliteProductsDbContext(DbContextOptions<SqliteProductsDbContext> options) : ProductsDbContext(options);

internal sealed class SqliteProductsDesignTimeFactory : SqliteDesignTimeFactory<SqliteProductsDbContext>;
