using System.Diagnostics;
using ProductCatalogOrders.FaultTests.Infrastructure;
using ProductCatalogOrders.TestSupport.Processes;

namespace ProductCatalogOrders.FaultTests.Scenarios;

/// <summary>Two instances of each consumer on one queue and one database: competing, not duplicating work into divergence.</summary>
[Collection(SharedSystemCollection.Name)]
public sealed class CompetingConsumerTests(SharedSystem shared, FaultTable table)
{
    private FaultSystem System => shared.System;

    [Fact]
    public async Task Two_instances_of_each_consumer_share_one_queue_and_one_database()
    {
        var scenario = await Scenario.BeginAsync("two instances of each consumer, one queue and one database each", System, table);
        var ids = await scenario.PrepareProductsAsync("competing", 300);
        await using var catalog = await System.Catalog.StartAnotherInstanceAsync(FreePort.Next(), Scenario.Cancellation);
        await using var order = await System.Order.StartAnotherInstanceAsync(FreePort.Next(), Scenario.Cancellation);
        var before = await ReplicaEventsAsync([System.Catalog, catalog, System.Order, order]);

        var since = Stopwatch.StartNew();
        var churn = ProductChurn.Start(System.Api, ids, concurrency: 8, Scenario.Cancellation);
        await churn.Completion;
        var row = await scenario.EndAsync(since, "");
        var after = await SettledReplicaEventsAsync([System.Catalog, catalog, System.Order, order]);
        var handled = after.Zip(before, (a, b) => a - b).ToArray();

        table.Amend(row, $"events applied per instance: Catalog {handled[0]:N0} + {handled[1]:N0}, Order {handled[2]:N0} + {handled[3]:N0}");
        Assert.True(handled.All(count => count > 0), $"every instance takes part: {string.Join(", ", handled)}");
    }

    /// <summary>
    /// The counters once two reads agree: the Prometheus endpoint caches its answer for a moment, and an
    /// instance may still be counting the last events when the replicas have converged.
    /// </summary>
    private async Task<long[]> SettledReplicaEventsAsync(IReadOnlyList<ServiceProcess> instances)
    {
        var counts = await ReplicaEventsAsync(instances);
        for (var reads = 0; reads < 20; reads++)
        {
            await Task.Delay(500, Scenario.Cancellation);
            var again = await ReplicaEventsAsync(instances);
            if (again.SequenceEqual(counts))
            {
                break;
            }

            counts = again;
        }

        return counts;
    }

    private async Task<long[]> ReplicaEventsAsync(IReadOnlyList<ServiceProcess> instances)
    {
        var counts = new long[instances.Count];
        for (var i = 0; i < instances.Count; i++)
        {
            counts[i] = await ServiceMetrics.ReplicaEventsAsync(System.Api, instances[i], change: null, Scenario.Cancellation);
        }

        return counts;
    }
}
