using System.Net;

namespace ProductCatalogOrders.FaultTests.Infrastructure;

/// <summary>
/// A stream of state changes running in the background while a scenario injects its fault: products
/// are decommissioned one after another, and every third one restored after it, so each replica must
/// apply several versions in order. Every call must succeed (202, 200): faults behind ProductService's
/// API delay events, they never fail a call. The stream ends when every product is done or when it is
/// told to stop (products not reached yet stay Active).
/// </summary>
public sealed class ProductChurn
{
    private readonly CancellationTokenSource _stop = new();
    private int _calls;

    private ProductChurn(int total) => Total = total;

    /// <summary>Calls the stream would make if it ran to the end.</summary>
    public int Total { get; }

    /// <summary>Calls answered so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public Task Completion { get; private set; } = Task.CompletedTask;

    public static ProductChurn Start(FaultApi api, IReadOnlyList<Guid> ids, int concurrency, CancellationToken cancellationToken)
    {
        var churn = new ProductChurn(ids.Count + Enumerable.Range(0, ids.Count).Count(Restores));
        var next = -1;
        churn.Completion = Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < ids.Count && !churn._stop.IsCancellationRequested; i = Interlocked.Increment(ref next))
            {
                using (var decommission = await api.Product.PostAsync($"/products/{ids[i]}/decommission", null, cancellationToken))
                {
                    await FaultApi.ExpectAsync(decommission, HttpStatusCode.Accepted, $"decommission {ids[i]}");
                    Interlocked.Increment(ref churn._calls);
                }

                if (Restores(i))
                {
                    using var restore = await api.Product.PostAsync($"/products/{ids[i]}/restore", null, cancellationToken);
                    await FaultApi.ExpectAsync(restore, HttpStatusCode.OK, $"restore {ids[i]}");
                    Interlocked.Increment(ref churn._calls);
                }
            }
        }, cancellationToken)));
        return churn;
    }

    /// <summary>
    /// A stream without end, for faults of unknown length: round after round over the same products,
    /// decommissioning them all, then restoring them all, until <see cref="StopAsync"/>.
    /// </summary>
    public static ProductChurn Cycle(FaultApi api, IReadOnlyList<Guid> ids, int concurrency, TimeSpan pause, CancellationToken cancellationToken)
    {
        var churn = new ProductChurn(int.MaxValue);
        var next = -1;
        churn.Completion = Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (!churn._stop.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                var (id, decommission) = (ids[i % ids.Count], i / ids.Count % 2 == 0);
                using var response = await api.Product.PostAsync($"/products/{id}/{(decommission ? "decommission" : "restore")}", null, cancellationToken);
                await FaultApi.ExpectAsync(response, decommission ? HttpStatusCode.Accepted : HttpStatusCode.OK, $"{(decommission ? "decommission" : "restore")} {id}");
                Interlocked.Increment(ref churn._calls);
                await Task.Delay(pause, cancellationToken);
            }
        }, cancellationToken)));
        return churn;
    }

    /// <summary>Returns once <paramref name="fraction"/> of the calls have been answered (or the stream ended).</summary>
    public async Task ReachedAsync(double fraction, CancellationToken cancellationToken)
    {
        while (Calls < Total * fraction && !Completion.IsCompleted)
        {
            await Task.Delay(20, cancellationToken);
        }

        if (Completion.IsFaulted)
        {
            await Completion;
        }
    }

    /// <summary>Starts no further product and waits for the calls under way.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Completion;
    }

    private static bool Restores(int index) => index % 3 == 0;
}
