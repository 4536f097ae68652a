using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Messaging;
using ProductCatalogOrders.BuildingBlocks.Outbox;
using ProductCatalogOrders.BuildingBlocks.Storage;
using ProductCatalogOrders.ProductService.Products;
using ProductCatalogOrders.ProductService.Storage;

namespace ProductCatalogOrders.ProductService;

internal static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddHttpApiDefaults();
        builder.AddRelationalStore<ProductsDbContext, SqliteProductsDbContext, SqlServerProductsDbContext>("productsdb", "products.db");
        builder.AddMessaging(ProductServiceApp.Name);
        builder.AddOutboxDispatcher<ProductsDbContext>();
        return builder;
    }
}
