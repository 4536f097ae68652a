using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.ProductService.Deletion;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.ProductService;

/// <summary>The source of truth for products. Hosted by Program, by the integration tests and by the benchmarks alike.</summary>
public static class ProductServiceApp
{
    public const string Name = "product";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(ProductServiceApp).Assembly.GetName().Name,
        });

        builder.AddServiceDefaults();
        builder.AddApplicationServices();

        var app = builder.Build();
        app.UseHttpApiDefaults();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        app.MapProductsApi();
        app.MapDeletionApi();
        return app;
    }
}
