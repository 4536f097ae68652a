using System.Collections.Concurrent;
using System.Diagnostics;
using ProductCatalogOrders.BuildingBlocks.Outbox;

namespace ProductCatalogOrders.StoreContractTests.Outbox;

/// <summary>Stands in for the broker: records what it confirmed, and fails, hangs, holds or reorders confirmations when told to.</summary>
public sealed class RecordingPublisher : IIntegrationEventPublisher
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _holdUntilInFlight;
    private int _inFlight;

    public ConcurrentQueue<(Guid MessageId, object Message, ActivityTraceId? TraceId)> Confirmed { get; } = new();

    /// <summary>Decides per call: null confirms; an exception fails the publish.</summary>
    public Func<object, Exception?> Failure { get; set; } = _ => null;

    public bool NeverConfirm { get; set; }

    /// <summary>Confirms after a random pause, so concurrent publishes complete in a random order.</summary>
    public bool Shuffle { get; set; }

    /// <summary>Runs for every confirmed message, in confirmation order: what a consumer would receive.</summary>
    public Action<object> OnConfirm { get; set; } = _ => { };

    /// <summary>Publishes currently waiting for their confirmation.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Confirms nothing until <paramref name="inFlight"/> publishes wait at once (or until released).</summary>
    public void HoldConfirmations(int inFlight) => _holdUntilInFlight = inFlight;

    public void ReleaseConfirmations() => _released.TrySetResult();

    public async Task PublishAsync(object message, Type messageType, Guid messageId, CancellationToken cancellationToken)
    {
        if (NeverConfirm)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (Interlocked.Increment(ref _inFlight) >= _holdUntilInFlight && _holdUntilInFlight > 0)
        {
            ReleaseConfirmations();
        }

        try
        {
            if (_holdUntilInFlight > 0)
            {
                await _released.Task.WaitAsync(cancellationToken);
            }

            if (Failure(message) is { } failure)
            {
                throw failure;
            }

            if (Shuffle)
            {
                await Task.Delay(Random.Shared.Next(0, 4), cancellationToken);
            }
            else
            {
                await Task.Yield();
            }

            lock (Confirmed)
            {
                Confirmed.Enqueue((messageId, message, Activity.Current?.TraceId));
                OnConfirm(message);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
