using ProductCatalogOrders.ErasureDataset;
using MassTransit;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Messaging;
using ProductCatalogOrders.BuildingBlocks.Outbox;
using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.BuildingBlocks.Storage;
using ProductCatalogOrders.ErasureService.Checks;
using ProductCatalogOrders.ErasureService.Ledger;
using ProductCatalogOrders.ErasureService.Processing;
using ProductCatalogOrders.ErasureService.Requests;
using ProductCatalogOrders.ErasureService.Storage;
using ProductCatalogOrders.ErasureService.Targets;

namespace ProductCatalogOrders.ErasureService;

internal static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddHttpApiDefaults();
        builder.AddRelationalStore<ErasureDbContext, SqliteErasureDbContext, SqlServerErasureDbContext>("erasuredb", "erasure.db");
        builder.AddMessaging(ErasureServiceApp.Name, bus =>
            bus.AddConsumer<CustomerErasureCompletedConsumer, RetryingConsumerDefinition<CustomerErasureCompletedConsumer>>());
        builder.AddOutboxDispatcher<ErasureDbContext>();
        builder.Services.AddAuditTrail<ErasureDbContext>();
        builder.AddSubjectTokens();

        builder.Services.Configure<ErasureOptions>(builder.Configuration.GetSection(ErasureOptions.Section));
        builder.Services.AddSingleton<ErasureSignal>();
        builder.Services.AddSingleton<ErasureMetrics>();
        builder.Services.AddSingleton<InventoryDiscovery>();
        builder.Services.AddSingleton<TargetCalls>();
        builder.Services.AddScoped<LedgerEventSource>();
        builder.Services.AddScoped<IErasureEventSource, DatasetEventSource>();
        builder.Services.AddErasureDataset(builder.Configuration);
        builder.Services.AddErasureChecks();
        builder.Services.AddHttpClient(InventoryDiscovery.ClientName).AddHttpMessageHandler<ServiceTokenHandler>();
        builder.Services.AddHostedService<ErasureProcessor>();
        return builder;
    }
}
