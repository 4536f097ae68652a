using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.CatalogService.Catalog;

namespace ProductCatalogOrders.CatalogService;

/// <summary>Lists products. Reads only its local product cache, fed by product events; never calls ProductService.</summary>
public static class CatalogServiceApp
{
    public const string Name = "catalog";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(CatalogServiceApp).Assembly.GetName().Name,
        });

        builder.AddServiceDefaults();
        builder.AddApplicationServices();

        var app = builder.Build();
        app.UseHttpApiDefaults();
        app.MapDefaultEndpoints();
        app.MapCatalogApi();
        app.MapProductReplicasApi();
        return app;
    }
}
