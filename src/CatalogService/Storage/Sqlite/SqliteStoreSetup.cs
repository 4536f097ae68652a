using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.BuildingBlocks.Storage;
using ProductCatalogOrders.CatalogService.Catalog;

namespace ProductCatalogOrders.CatalogService.Storage.Sqlite;

public static class SqliteStoreSetup
{
    /// <summary>The catalog store and product cache in one SQLite file (EF Core).</summary>
    public static IHostApplicationBuilder AddSqliteCatalogStore(this IHostApplicationBuilder builder, string connectionName)
    {
        builder.AddSqliteStore<CatalogDbContext, CatalogDbContext>(connectionName, "catalog.db");
        builder.Services.AddScoped<ICatalogStore, SqliteCatalogStore>();
        builder.Services.AddProductReplicas<CatalogDbContext>();
        builder.Services.AddAuditTrail<CatalogDbContext>();
        return builder;
    }
}
