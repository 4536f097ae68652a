using System.Diagnostics;
using ProductCatalogOrders.FaultTests.Infrastructure;
using ProductCatalogOrders.TestSupport.Processes;

namespace ProductCatalogOrders.FaultTests.Scenarios;

/// <summary>
/// kill -9 a consumer while events stream in: what it had received but not acknowledged is redelivered
/// to the restarted process, and what arrived while it was dead waited in its queues.
/// </summary>
[Collection(SharedSystemCollection.Name)]
public sealed class ConsumerCrashTests(SharedSystem shared, FaultTable table)
{
    private FaultSystem System => shared.System;

    [Theory]
    [InlineData("CatalogService")]
    [InlineData("OrderService")]
    public async Task A_consumer_killed_mid_stream_and_restarted_loses_nothing(string service)
    {
        var scenario = await Scenario.BeginAsync($"kill -9 {service} mid-stream, restarted", System, table);
        var ids = await scenario.PrepareProductsAsync("consumer-crash", 300);
        var consumer = service == "CatalogService" ? System.Catalog : System.Order;

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
        var after = await ReplicaEventsAsync([System.Catalog, catalog, System.Order, order]);
        var handled = after.Zip(before, (a, b) => a - b).ToArray();

        table.Amend(row, $"events applied per instance: Catalog {handled[0]:N0} + {handled[1]:N0}, Order {handled[2]:N0} + {handled[3]:N0}");
        Assert.True(handled.All(count => count > 0), $"every instance takes part: {string.Join(", ", handled)}");
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

/// <summary>Two ProductService instances on one database: two dispatchers claiming the same outbox through leases.</summary>
[Collection(SharedSystemCollection.Name)]
public sealed class CompetingDispatcherTests(SharedSystem shared, FaultTable table)
{
    private FaultSystem System => shared.System;

    [Fact]
    public async Task Two_ProductService_instances_on_one_database_lose_no_event()
    {
        var scenario = await Scenario.BeginAsync("two ProductService instances, one database (outbox lease contention)", System, table);
        var ids = await scenario.PrepareProductsAsync("dispatchers", 400);
        await using var second = await System.Product.StartAnotherInstanceAsync(FreePort.Next(), Scenario.Cancellation);
        using var secondClient = System.Api.Client(second.BaseAddress);
        var staleBefore = await ServiceMetrics.ReplicaEventsAsync(System.Api, System.Order, "IgnoredStale", Scenario.Cancellation);

        var since = Stopwatch.StartNew();
        await System.Api.DecommissionAsync(ids, Scenario.Cancellation, concurrency: 32, via: i => i % 2 == 0 ? System.Api.Product : secondClient);
        var row = await scenario.EndAsync(since, "");
        var stale = await ServiceMetrics.ReplicaEventsAsync(System.Api, System.Order, "IgnoredStale", Scenario.Cancellation) - staleBefore;
        table.Amend(row, $"{ids.Count} decommissions, half through each instance; Order ignored {stale} copies as stale (double publishes)");
    }
}
