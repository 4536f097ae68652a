using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.CatalogService.Catalog;

namespace ProductCatalogOrders.CatalogService;

/// <summary>Lists products. Reads only its local product cache, fed by product events; never calls ProductService.</summary>
public static class CatalogServiceApp
{
    public const string Name = "catalog";

    /// <param name="overrideServices">Replaces registrations after the service's own, for hosts such as tests (a fake clock).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? overrideServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(CatalogServiceApp).Assembly.GetName().Name,
        });

        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        overrideServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseHttpApiDefaults();
        app.MapDefaultEndpoints();
        app.MapCatalogApi();
        app.MapProductReplicasApi();
        return app;
    }
}
