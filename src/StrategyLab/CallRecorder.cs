using System.Collections.Concurrent;
using System.Diagnostics;

namespace ProductCatalogOrders.StrategyLab;

/// <summary>One timed HTTP call: what was asked about, when, how long, and how it ended.</summary>
public sealed record Call(Guid ProductId, DateTimeOffset StartedAt, double LatencyMs, int? StatusCode)
{
    /// <summary>The service answered (any status below 500). A 422 for a removed product is a correct answer, not an outage.</summary>
    public bool Answered => StatusCode is < 500;

    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>Times calls, and records failures to connect as unanswered calls rather than letting them escape.</summary>
public sealed class CallRecorder
{
    public ConcurrentQueue<Call> Calls { get; } = new();

    public async Task<Call> TimeAsync(Guid productId, Func<Task<HttpResponseMessage>> send)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        int? status;
        try
        {
            using var response = await send();
            status = (int)response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            status = null;
        }

        var call = new Call(productId, startedAt, clock.Elapsed.TotalMilliseconds, status);
        Calls.Enqueue(call);
        return call;
    }
}
