using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.BuildingBlocks.Strategies;

namespace ProductCatalogOrders.ProductService.Removal;

public static class RemovalSetup
{
    /// <summary>Registers the removal that <c>Deletion:Strategy</c> names.</summary>
    public static IHostApplicationBuilder AddProductRemoval(this IHostApplicationBuilder builder)
    {
        var strategy = DeletionStrategySetting.Resolve(builder.Configuration);
        builder.Services.AddScoped<JustDeleteRemoval>();
        switch (strategy)
        {
            case DeletionStrategy.JustDelete:
                builder.Services.AddScoped<IProductRemoval>(services => services.GetRequiredService<JustDeleteRemoval>());
                break;
            case DeletionStrategy.SynchronousCoordination:
                builder.Services.AddHttpClient("OrderService").AddHttpMessageHandler<ServiceTokenHandler>();
                builder.Services.AddHttpClient("CatalogService").AddHttpMessageHandler<ServiceTokenHandler>();
                builder.Services.AddScoped<IProductRemoval, CoordinatedRemoval>();
                break;
            default:
                builder.Services.AddScoped<IProductRemoval>(_ => new DecommissionOnlyRemoval(strategy));
                break;
        }

        return builder;
    }
}
