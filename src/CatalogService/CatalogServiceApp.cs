using ProductCatalogOrders.BuildingBlocks.Hosting;
using ProductCatalogOrders.BuildingBlocks.Messaging.ErrorQueues;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.CatalogService.Catalog;

namespace ProductCatalogOrders.CatalogService;

/// <summary>Lists products. Under AsynchronousUpdate it reads only its local product cache, fed by product events.</summary>
public static class CatalogServiceApp
{
    public const string Name = "catalog";

    /// <param name="overrideServices">Replaces registrations after the service's own, for hosts such as tests (a clock).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? overrideServices = null) =>
        ServiceApplication.Build(
            typeof(CatalogServiceApp),
            args,
            builder => builder.AddApplicationServices(),
            app =>
            {
                app.MapCatalogApi();
                app.MapProductReplicasApi();
                app.MapErrorQueueApi();
            },
            overrideServices);
}
