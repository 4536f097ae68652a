using MassTransit;

namespace ProductCatalogOrders.BuildingBlocks.Messaging;

/// <summary>
/// Retry and concurrency for every consumer in the system. Transient failures (a locked store) are
/// retried in place; a message that still fails is moved to the queue's <c>_error</c> queue by
/// MassTransit, where it waits for an operator. It is never dropped.
/// </summary>
public class RetryingConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public RetryingConsumerDefinition()
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
