using MassTransit;
using ProductCatalogOrders.BuildingBlocks.Messaging;
using ProductCatalogOrders.BuildingBlocks.Reconciliation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

public static class ProductReplicaSetup
{
    /// <summary>The EF Core replica store and reconciliation report for <typeparamref name="TContext"/>, and the applier the consumers share.</summary>
    public static IServiceCollection AddProductReplicas<TContext>(this IServiceCollection services)
        where TContext : DbContext, IProductReplicaContext
    {
        services.AddScoped<IReconciliationStore, ReconciliationStore<TContext>>();
        return services.AddProductReplicaStore<ProductReplicaStore<TContext>>();
    }

    /// <summary>Any replica store adapter, the applier the consumers share, and the cache's bootstrap, reconciliation and rebuild.</summary>
    public static IServiceCollection AddProductReplicaStore<TStore>(this IServiceCollection services)
        where TStore : class, IProductReplicaStore
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<IProductReplicaStore, TStore>();
        services.AddScoped<ProductEventApplier>();
        services.AddScoped<PurgeConfirmation>();
        services.TryAddSingleton<ProductReplicaWriter>();
        services.AddMetrics();
        services.TryAddSingleton<ReplicaMetrics>();
        services.AddProductCacheReconciliation();
        return services;
    }

    /// <summary>
    /// One consumer, and so one durable queue, per product event: every event bumps the product's
    /// version, so a replica that applies them all ends at the source's version. ProductPurged is not
    /// among them: what a purge does to a consumer's references is that consumer's own decision, so
    /// each service registers its own.
    /// </summary>
    public static IBusRegistrationConfigurator AddProductEventConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ProductCreatedConsumer, RetryingConsumerDefinition<ProductCreatedConsumer>>();
        bus.AddConsumer<ProductUpdatedConsumer, RetryingConsumerDefinition<ProductUpdatedConsumer>>();
        bus.AddConsumer<ProductDecommissionedConsumer, RetryingConsumerDefinition<ProductDecommissionedConsumer>>();
        bus.AddConsumer<ProductDecommissionCompletedConsumer, RetryingConsumerDefinition<ProductDecommissionCompletedConsumer>>();
        bus.AddConsumer<ProductRestoredConsumer, RetryingConsumerDefinition<ProductRestoredConsumer>>();
        bus.AddConsumer<ProductLegalHoldChangedConsumer, RetryingConsumerDefinition<ProductLegalHoldChangedConsumer>>();
        return bus;
    }
}
