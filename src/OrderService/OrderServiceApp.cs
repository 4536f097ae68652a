using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Hosting;
using ProductCatalogOrders.BuildingBlocks.Messaging.ErrorQueues;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.OrderService.Orders;

namespace ProductCatalogOrders.OrderService;

/// <summary>Takes orders. Under AsynchronousUpdate it validates products against its ProductReplica table, fed by product events.</summary>
public static class OrderServiceApp
{
    public const string Name = "order";

    /// <param name="overrideServices">Replaces registrations after the service's own, for hosts such as tests (a clock).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? overrideServices = null) =>
        ServiceApplication.Build(
            typeof(OrderServiceApp),
            args,
            builder => builder.AddApplicationServices(),
            app =>
            {
                app.MapOrdersApi();
                app.MapAuditApi();
                app.MapProductReplicasApi();
                app.MapErrorQueueApi();
            },
            overrideServices);
}
