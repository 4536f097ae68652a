using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Messaging;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.BuildingBlocks.Storage;
using ProductCatalogOrders.CatalogService.Catalog;

namespace ProductCatalogOrders.CatalogService;

internal static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddHttpApiDefaults();
        builder.AddServiceStore<CatalogDbContext>("catalogdb", "catalog.db");
        builder.Services.AddProductReplicas<CatalogDbContext>();
        builder.AddMessaging(CatalogServiceApp.Name, bus => bus.AddProductEventConsumers());
        return builder;
    }
}
