using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.OrderService.Orders;

namespace ProductCatalogOrders.OrderService;

/// <summary>Takes orders. Validates products against its ProductReplica table, fed by product events; never calls ProductService.</summary>
public static class OrderServiceApp
{
    public const string Name = "order";

    /// <param name="overrideServices">Replaces registrations after the service's own, for hosts such as tests (a fake clock).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? overrideServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(OrderServiceApp).Assembly.GetName().Name,
        });

        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        overrideServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseHttpApiDefaults();
        app.MapDefaultEndpoints();
        app.MapOrdersApi();
        app.MapProductReplicasApi();
        return app;
    }
}
