using MassTransit;
using ProductCatalogOrders.BuildingBlocks.Outbox;

namespace ProductCatalogOrders.BuildingBlocks.Messaging;

/// <summary>
/// Publishes through MassTransit. The RabbitMQ transport uses publisher confirms, so the task
/// completes only once the broker has the message.
/// </summary>
public sealed class MassTransitEventPublisher(IBus bus) : IIntegrationEventPublisher
{
    public Task PublishAsync(object message, Type messageType, Guid messageId, CancellationToken cancellationToken) =>
        bus.Publish(message, messageType, context => context.MessageId = messageId, cancellationToken);
}
