using MassTransit;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>
/// Retry and concurrency for a product-event consumer. Transient failures (a locked store) are
/// retried in place; a message that still fails is moved to the queue's <c>_error</c> queue by
/// MassTransit, where it waits for an operator. It is never dropped.
/// </summary>
public class ProductEventConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public ProductEventConsumerDefinition()
    {
        ConcurrentMessageLimit = 8;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(retry => retry.Intervals(100, 500, 1000, 2000));
    }
}
