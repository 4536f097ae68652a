using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.ProductService.Deletion;
using ProductCatalogOrders.ProductService.Products;
using ProductCatalogOrders.ProductService.Removal;

namespace ProductCatalogOrders.ProductService;

/// <summary>The source of truth for products. Hosted by Program, by the integration tests and by the benchmarks alike.</summary>
public static class ProductServiceApp
{
    public const string Name = "product";

    /// <param name="overrideServices">Replaces registrations after the service's own, for hosts such as tests (a fake clock).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? overrideServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(ProductServiceApp).Assembly.GetName().Name,
        });

        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        overrideServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseHttpApiDefaults();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        app.MapProductsApi();
        app.MapDeletionApi();
        app.MapRemovalApi();
        return app;
    }
}
