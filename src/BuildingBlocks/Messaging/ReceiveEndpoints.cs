using System.Collections.Concurrent;
using MassTransit;

namespace ProductCatalogOrders.BuildingBlocks.Messaging;

/// <summary>
/// The queues of this service's own receive endpoints, as MassTransit configures them. What the
/// error-queue endpoints may touch: a queue that is not here belongs to someone else.
/// </summary>
public sealed class ReceiveEndpoints(string busEndpointQueue) : IEndpointConfigurationObserver
{
    private readonly ConcurrentDictionary<string, bool> _queues = new(StringComparer.Ordinal);

    /// <summary>The bus's own temporary endpoint, which holds no consumer and so no error queue.</summary>
    public string BusEndpointQueue { get; } = busEndpointQueue;

    public IReadOnlyList<string> Queues => [.. _queues.Keys.Order(StringComparer.Ordinal)];

    public void EndpointConfigured<T>(T configurator) where T : IReceiveEndpointConfigurator
    {
        var queue = configurator.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (queue is { Length: > 0 } && queue != BusEndpointQueue)
        {
            _queues.TryAdd(Uri.UnescapeDataString(queue), true);
        }
    }
}
