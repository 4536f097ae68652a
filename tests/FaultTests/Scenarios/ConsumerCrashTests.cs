using System.Diagnostics;
using ProductCatalogOrders.FaultTests.Infrastructure;

namespace ProductCatalogOrders.FaultTests.Scenarios;

/// <summary>
/// kill -9 a consumer while events stream in: what it had received but not acknowledged is redelivered
/// to the restarted process, and what arrived while it was dead waited in its queues.
/// </summary>
[Collection(SharedSystemCollection.Name)]
public sealed class ConsumerCrashTests(SharedSystem shared, FaultTable table)
{
    private FaultSystem System => shared.System;

    [Fact]
    public async Task A_consumer_killed_mid_stream_and_restarted_loses_nothing()
    {
        // OrderService: its replicas back order lines through a foreign key, and it confirms decommissions.
        var scenario = await Scenario.BeginAsync("kill -9 OrderService mid-stream, restarted", System, table);
        var ids = await scenario.PrepareProductsAsync("consumer-crash", 300);
        var consumer = System.Order;

        var churn = ProductChurn.Start(System.Api, ids, concurrency: 4, Scenario.Cancellation);
        await churn.ReachedAsync(0.3, Scenario.Cancellation);
        await consumer.KillAsync();
        var sinceKill = Stopwatch.StartNew();
        var callsAtKill = churn.Calls;
        await Task.Delay(TimeSpan.FromSeconds(1), Scenario.Cancellation);
        await consumer.RestartAsync(crash: true, cancellationToken: Scenario.Cancellation);
        var healthy = sinceKill.Elapsed;
        await churn.Completion;

        await scenario.EndAsync(sinceKill, $"killed after {callsAtKill} of {churn.Total} calls; healthy again {healthy.TotalSeconds:0.0} s after the kill");
    }
}
