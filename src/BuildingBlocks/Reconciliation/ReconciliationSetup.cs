using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProductCatalogOrders.BuildingBlocks.Security;

namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

public static class ReconciliationSetup
{
    /// <summary>
    /// What every consumer of product events has beside its cache: the bootstrap from ProductService's
    /// snapshot (and the readiness check that waits for it), the scheduled and on-demand reconciliation,
    /// the rebuild, and the dangling metrics. The store adapter registers its <see cref="IReconciliationStore"/>;
    /// the service registers its <see cref="IProductReferences"/> and <see cref="IPurgedReferences"/>.
    /// </summary>
    public static IServiceCollection AddProductCacheReconciliation(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(Reconciler)))
        {
            return services;
        }

        services.AddOptions<ReconciliationOptions>().BindConfiguration(ReconciliationOptions.Section);
        services.AddOptions<ReplicaOptions>().BindConfiguration(ReplicaOptions.Section);
        services.AddHttpClient<ProductSnapshot>(http => http.BaseAddress = new Uri(ProductSnapshot.BaseAddress))
            .AddHttpMessageHandler<ServiceTokenHandler>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SnapshotApplication>();
        services.AddSingleton<Reconciler>();
        services.AddSingleton<CacheRebuild>();
        services.AddSingleton<CacheAudit>();
        services.AddSingleton<DanglingMetrics>();
        services.AddSingleton<CacheBootstrapState>();
        services.AddHostedService<CacheBootstrap>();
        services.AddHostedService<ReconciliationScheduler>();
        services.AddHealthChecks().AddCheck<CacheBootstrapHealthCheck>(CacheBootstrapHealthCheck.Name, tags: ["ready"]);
        return services;
    }
}
