using System.Diagnostics;

namespace ProductCatalogOrders.InProcessHosting;

/// <summary>
/// Offered load, as the benchmark and the lab apply it: the i-th call is started at start + i / rate
/// whatever happened to the earlier ones (an open loop), so a slow system cannot slow the load down
/// and hide its own queueing. Latencies should count from each call's scheduled moment.
/// </summary>
public static class OpenLoop
{
    /// <summary>
    /// Starts <paramref name="count"/> calls at <paramref name="perSecond"/>; <paramref name="send"/> gets the
    /// call's index and its scheduled moment on the machine clock. Returns every call's result in order.
    /// </summary>
    public static async Task<T[]> RunAsync<T>(int count, double perSecond, Func<int, DateTimeOffset, Task<T>> send, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        var calls = new Task<T>[count];
        var clock = Stopwatch.StartNew();
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var due = ScheduledAfter(i, perSecond);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            calls[i] = send(i, start + due);
        }

        return await Task.WhenAll(calls);
    }

    /// <summary>When the i-th call is due, counted from the start of the load.</summary>
    public static TimeSpan ScheduledAfter(int index, double perSecond) => TimeSpan.FromSeconds(index / perSecond);
}
