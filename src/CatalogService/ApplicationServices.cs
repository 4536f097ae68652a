using MassTransit;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Messaging;
using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.BuildingBlocks.Reconciliation;
using ProductCatalogOrders.BuildingBlocks.Storage;
using ProductCatalogOrders.BuildingBlocks.Strategies;
using ProductCatalogOrders.CatalogService.Catalog;
using ProductCatalogOrders.CatalogService.Privacy;
using ProductCatalogOrders.CatalogService.Reconciliation;
using ProductCatalogOrders.CatalogService.Storage.Mongo;
using ProductCatalogOrders.CatalogService.Storage.Sqlite;

namespace ProductCatalogOrders.CatalogService;

internal static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddHttpApiDefaults();

        // Storage:Provider picks the adapter; the API and the consumers only see the ports.
        if (StoreProviderSetting.Resolve(builder.Configuration, StoreProvider.Sqlite, StoreProvider.Mongo) == StoreProvider.Mongo)
        {
            builder.AddMongoCatalogStore("catalogdb");
        }
        else
        {
            builder.AddSqliteCatalogStore("catalogdb");
        }

        // What the reconciliation counts and what a purge learnt from the snapshot does: the catalog's own decisions.
        builder.Services.AddScoped<IProductReferences, CatalogItemReferences>();
        builder.Services.AddScoped<IPurgedReferences, CatalogPurgedReferences>();

        if (builder.AddProductLookup().LooksUpSynchronously())
        {
            builder.Services.AddScoped<ICatalogListing, ProductServiceCatalogListing>();
        }
        else
        {
            builder.Services.AddScoped<ICatalogListing, LocalCatalogListing>();
        }

        builder.AddMessaging(CatalogServiceApp.Name, bus =>
        {
            bus.AddProductEventConsumers().AddConsumer<ProductPurgedConsumer, RetryingConsumerDefinition<ProductPurgedConsumer>>();
            bus.AddConsumer<CustomerErasureRequestedConsumer, RetryingConsumerDefinition<CustomerErasureRequestedConsumer>>();
        });
        builder.AddPersonalDataInventory(CatalogServiceApp.Name, CatalogPersonalData.Reviews);
        return builder;
    }
}
