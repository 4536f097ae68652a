namespace ProductCatalogOrders.BuildingBlocks.Outbox;

/// <summary>Hands one event to the broker and returns only once the broker has confirmed it.</summary>
public interface IIntegrationEventPublisher
{
    Task PublishAsync(object message, Type messageType, Guid messageId, CancellationToken cancellationToken);
}
