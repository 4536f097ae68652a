using MassTransit;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Messaging;
using ProductCatalogOrders.BuildingBlocks.Outbox;
using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.BuildingBlocks.Storage;
using ProductCatalogOrders.BuildingBlocks.Telemetry;
using ProductCatalogOrders.ProductService.Deletion;
using ProductCatalogOrders.ProductService.Deletion.Checks;
using ProductCatalogOrders.ProductService.Products;
using ProductCatalogOrders.ProductService.Removal;
using ProductCatalogOrders.ProductService.Storage;

namespace ProductCatalogOrders.ProductService;

internal static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddHttpApiDefaults();
        // Products hold no one's personal data (see the empty inventory below): nothing to zero on delete.
        builder.AddRelationalStore<ProductsDbContext, SqliteProductsDbContext, SqlServerProductsDbContext>("productsdb", "products.db", holdsPersonalData: false);
        builder.AddMessaging(ProductServiceApp.Name, bus =>
        {
            bus.AddConsumer<ProductDecommissionConfirmedConsumer, RetryingConsumerDefinition<ProductDecommissionConfirmedConsumer>>();
            bus.AddConsumer<ProductPurgeConfirmedConsumer, RetryingConsumerDefinition<ProductPurgeConfirmedConsumer>>();
        });
        builder.AddOutboxDispatcher<ProductsDbContext>();
        builder.Services.AddAuditTrail<ProductsDbContext>();
        builder.AddDeletionLifecycle();
        builder.AddProductRemoval();

        // Products hold no one's personal data: an empty inventory says so, and makes this no erasure target.
        builder.AddPersonalDataInventory(ProductServiceApp.Name);
        return builder;
    }

    private static void AddDeletionLifecycle(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<DeletionOptions>(builder.Configuration.GetSection(DeletionOptions.Section));
        builder.Services.AddSingleton<DeletionAudit>();
        builder.Services.AddSingleton<DecommissionConfirmations>();
        builder.Services.AddSingleton<ProductDecommissions>();
        builder.Services.AddScoped<PurgeConfirmations>();
        builder.Services.AddDeletionChecks();
        builder.Services.AddSingleton<DeletionMetrics>();
        builder.Services.AddHostedService<DeletionGauges>();
        builder.Services.AddScoped<PurgeProduct>();
        builder.Services.Configure<PurgeSweepOptions>(builder.Configuration.GetSection(PurgeSweepOptions.Section));
        builder.Services.AddSingleton<PurgeSweep>();
        builder.Services.AddHostedService<PurgeSweepSchedule>();
        builder.Services.AddHttpClient<IOpenOrders, OrderServiceOpenOrders>(http => http.BaseAddress = new Uri(OrderServiceOpenOrders.BaseAddress))
            .AddHttpMessageHandler<ServiceTokenHandler>();
    }
}
