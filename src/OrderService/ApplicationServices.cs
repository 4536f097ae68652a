using MassTransit;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Messaging;
using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.BuildingBlocks.Reconciliation;
using ProductCatalogOrders.BuildingBlocks.Storage;
using ProductCatalogOrders.BuildingBlocks.Strategies;
using ProductCatalogOrders.OrderService.Orders;
using ProductCatalogOrders.OrderService.Privacy;
using ProductCatalogOrders.OrderService.Reconciliation;
using ProductCatalogOrders.OrderService.Storage;

namespace ProductCatalogOrders.OrderService;

internal static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddHttpApiDefaults();
        builder.AddRelationalStore<OrdersDbContext, SqliteOrdersDbContext, SqlServerOrdersDbContext>("ordersdb", "orders.db");
        builder.Services.AddProductReplicas<OrdersDbContext>();
        builder.Services.AddAuditTrail<OrdersDbContext>();
        builder.Services.AddScoped<IProductReferences, OrderLineReferences>();
        builder.Services.AddScoped<IPurgedReferences, OrderPurgedReferences>();
        builder.AddProductLookup();
        builder.AddMessaging(OrderServiceApp.Name, bus => bus
            .AddProductEventConsumers()
            .AddConsumer<ProductPurgedConsumer, RetryingConsumerDefinition<ProductPurgedConsumer>>());
        builder.AddPersonalDataInventory(OrderServiceApp.Name, OrderPersonalData.Orders);
        return builder;
    }
}
