using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProductCatalogOrders.BuildingBlocks.Security;

namespace ProductCatalogOrders.BuildingBlocks.Strategies;

public static class ProductLookupSetup
{
    /// <summary>Registers the configured strategy and the product lookup that goes with it.</summary>
    public static DeletionStrategy AddProductLookup(this IHostApplicationBuilder builder)
    {
        var strategy = DeletionStrategySetting.Resolve(builder.Configuration);
        if (strategy.LooksUpSynchronously())
        {
            builder.Services.AddHttpClient<IProductLookup, ProductServiceLookup>(http => http.BaseAddress = new Uri(ProductServiceLookup.BaseAddress))
                .AddHttpMessageHandler<ServiceTokenHandler>();
        }
        else
        {
            builder.Services.AddScoped<IProductLookup, ReplicaProductLookup>();
        }

        return strategy;
    }
}
