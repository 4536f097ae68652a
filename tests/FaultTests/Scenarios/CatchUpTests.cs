using System.Diagnostics;
using ProductCatalogOrders.FaultTests.Infrastructure;

namespace ProductCatalogOrders.FaultTests.Scenarios;

/// <summary>A consumer offline while 5,000 events queue up for it: nothing is lost, and the catch-up is measured.</summary>
[Collection(SharedSystemCollection.Name)]
public sealed class CatchUpTests(SharedSystem shared, FaultTable table)
{
    private const int Products = 2500; // created and decommissioned: 5,000 events for Catalog

    private static readonly string[] Consumers = ["product-created", "product-decommissioned"];

    private FaultSystem System => shared.System;

    [Fact]
    public async Task A_consumer_offline_while_5000_events_queue_catches_up()
    {
        var scenario = await Scenario.BeginAsync("CatalogService offline while 5,000 events queue up", System, table);
        await using var queues = await BrokerQueues.ConnectAsync(System, Scenario.Cancellation);
        Assert.True(await System.Catalog.StopAsync(cancellationToken: Scenario.Cancellation), "CatalogService stops on SIGTERM");
        long queued;
        try
        {
            var ids = await System.Api.CreateProductsAsync("catch-up", Products, Scenario.Cancellation, concurrency: 32);
            await System.Api.DecommissionAsync(ids, Scenario.Cancellation, concurrency: 32);
            await WaitOutboxEmptyAsync();
            queued = await QueuedAsync(queues);
            Assert.Equal(2 * Products, queued);
        }
        finally
        {
            await System.Catalog.RestartAsync(cancellationToken: Scenario.Cancellation);
        }

        var sinceHealthy = Stopwatch.StartNew();
        var drained = await DrainedAsync(queues, sinceHealthy);
        await scenario.EndAsync(sinceHealthy,
            $"{queued:N0} events waiting; its queues empty {drained.TotalSeconds:0.0} s after it was healthy ({queued / drained.TotalSeconds:N0} events/s); converged once the decommissions it confirmed completed");
    }

    private async Task<long> QueuedAsync(BrokerQueues queues)
    {
        long total = 0;
        foreach (var consumer in Consumers)
        {
            total += await queues.ReadyAsync(queues.QueueName("catalog", consumer), Scenario.Cancellation);
        }

        return total;
    }

    private async Task<TimeSpan> DrainedAsync(BrokerQueues queues, Stopwatch since)
    {
        while (await QueuedAsync(queues) > 0)
        {
            Assert.True(since.Elapsed < TimeSpan.FromSeconds(90), "Catalog did not drain its queues within 90 s");
            await Task.Delay(50, Scenario.Cancellation);
        }

        return since.Elapsed;
    }

    private async Task WaitOutboxEmptyAsync()
    {
        var waited = Stopwatch.StartNew();
        while ((await Convergence.OutboxAsync(System.ProductsDatabase, Scenario.Cancellation)).Pending > 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "ProductService did not publish its backlog within 60 s");
            await Task.Delay(50, Scenario.Cancellation);
        }
    }
}
