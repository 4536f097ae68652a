using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Hosting;
using ProductCatalogOrders.BuildingBlocks.Messaging.ErrorQueues;
using ProductCatalogOrders.ProductService.Deletion;
using ProductCatalogOrders.ProductService.Products;
using ProductCatalogOrders.ProductService.Removal;

namespace ProductCatalogOrders.ProductService;

/// <summary>The source of truth for products, and the owner of their deletion lifecycle.</summary>
public static class ProductServiceApp
{
    public const string Name = "product";

    /// <param name="overrideServices">Replaces registrations after the service's own, for hosts such as tests (a clock).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? overrideServices = null) =>
        ServiceApplication.Build(
            typeof(ProductServiceApp),
            args,
            builder => builder.AddApplicationServices(),
            app =>
            {
                app.MapProductsApi();
                app.MapDeletionApi();
                app.MapRemovalApi();
                app.MapAuditApi();
                app.MapErrorQueueApi();
            },
            overrideServices);
}
