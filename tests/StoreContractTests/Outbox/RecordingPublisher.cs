using System.Collections.Concurrent;
using System.Diagnostics;
using ProductCatalogOrders.BuildingBlocks.Outbox;

namespace ProductCatalogOrders.StoreContractTests.Outbox;

/// <summary>Stands in for the broker: records what it confirmed, and fails or hangs when told to.</summary>
public sealed class RecordingPublisher : IIntegrationEventPublisher
{
    public ConcurrentQueue<(Guid MessageId, object Message, ActivityTraceId? TraceId)> Confirmed { get; } = new();

    /// <summary>Decides per call: null confirms; an exception fails the publish.</summary>
    public Func<object, Exception?> Failure { get; set; } = _ => null;

    public bool NeverConfirm { get; set; }

    /// <summary>Runs inside every publish, for example to let time pass as a slow broker would.</summary>
    public Action DuringPublish { get; set; } = () => { };

    public async Task PublishAsync(object message, Type messageType, Guid messageId, CancellationToken cancellationToken)
    {
        if (NeverConfirm)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        DuringPublish();
        if (Failure(message) is { } failure)
        {
            throw failure;
        }

        await Task.Yield();
        Confirmed.Enqueue((messageId, message, Activity.Current?.TraceId));
    }
}
