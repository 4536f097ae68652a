using ProductCatalogOrders.TestSupport.Stores;
using System.Diagnostics;
using ProductCatalogOrders.FaultTests.Infrastructure;

namespace ProductCatalogOrders.FaultTests.Scenarios;

/// <summary>
/// Every event delivered twice more, in shuffled order, while newer events keep coming: copies of the
/// real events (same message id, same payload, read from ProductService's outbox) are published
/// straight to the broker, the way a redelivery arrives. The version gate must ignore every copy; a
/// stale <c>ProductCreated</c> (Active, version 1) applied over a decommission would resurrect the product.
/// </summary>
[Collection(SharedSystemCollection.Name)]
public sealed class RedeliveryTests(SharedSystem shared, FaultTable table)
{
    private FaultSystem System => shared.System;

    [Fact]
    public async Task Every_event_delivered_twice_more_in_shuffled_order_changes_nothing()
    {
        var scenario = await Scenario.BeginAsync("every event delivered twice more, order shuffled", System, table);
        var firstSequence = await LastSequenceAsync() + 1;
        var ids = await scenario.PrepareProductsAsync("redelivery", 200);
        await System.Api.DecommissionAsync(ids, Scenario.Cancellation);
        await scenario.ExpectConvergedAsync("decommissioned", Stopwatch.StartNew());
        var originals = await EventsSinceAsync(firstSequence);

        var copies = originals.Concat(originals).OrderBy(_ => Random.Shared.Next()).ToList();
        var staleBefore = await StaleAsync();
        await using var queues = await BrokerQueues.ConnectAsync(System, Scenario.Cancellation);
        await using var channel = await queues.ConfirmingChannelAsync(Scenario.Cancellation);

        // Newer events (restores of every third product) race the copies.
        var since = Stopwatch.StartNew();
        var restores = System.Api.RestoreAsync(ids.Where((_, i) => i % 3 == 0), Scenario.Cancellation, concurrency: 4);
        foreach (var chunk in copies.Chunk(100))
        {
            // A hundred confirms in flight at once, in the shuffled order.
            await Task.WhenAll(chunk.Select(copy => queues.PublishCopyAsync(channel, copy.MessageId, copy.Type, copy.Payload, Scenario.Cancellation).AsTask()));
        }

        await restores;
        scenario.InjectedEvents = copies.Count;

        // Every copy must have reached both consumers and been ignored as stale, or the scenario proved nothing.
        var (catalog, order) = await WaitStaleAsync(staleBefore, copies.Count);
        var row = await scenario.EndAsync(since, $"{originals.Count} real events, {copies.Count} copies shuffled in; ignored as stale: Catalog {catalog}, Order {order}");
        Assert.True(catalog >= copies.Count && order >= copies.Count, $"{row.Scenario}: only Catalog {catalog} and Order {order} of {copies.Count} copies were ignored as stale");
    }

    private async Task<(long Catalog, long Order)> StaleAsync() =>
        (await ServiceMetrics.ReplicaEventsAsync(System.Api, System.Catalog, "IgnoredStale", Scenario.Cancellation),
         await ServiceMetrics.ReplicaEventsAsync(System.Api, System.Order, "IgnoredStale", Scenario.Cancellation));

    private async Task<(long Catalog, long Order)> WaitStaleAsync((long Catalog, long Order) before, int copies)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var now = await StaleAsync();
            var seen = (now.Catalog - before.Catalog, now.Order - before.Order);
            if ((seen.Item1 >= copies && seen.Item2 >= copies) || waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                return seen;
            }

            await Task.Delay(100, Scenario.Cancellation);
        }
    }

    private async Task<long> LastSequenceAsync()
    {
        await using var connection = await SqliteFiles.OpenReadOnlyAsync(System.ProductsDatabase, Scenario.Cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(Sequence), 0) FROM OutboxMessages";
        return (long)(await command.ExecuteScalarAsync(Scenario.Cancellation))!;
    }

    private async Task<List<(Guid MessageId, string Type, string Payload)>> EventsSinceAsync(long sequence)
    {
        var events = new List<(Guid, string, string)>();
        await using var connection = await SqliteFiles.OpenReadOnlyAsync(System.ProductsDatabase, Scenario.Cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MessageId, MessageType, Payload FROM OutboxMessages WHERE Sequence >= $sequence AND DispatchedAt IS NOT NULL ORDER BY Sequence";
        command.Parameters.AddWithValue("$sequence", sequence);
        await using var reader = await command.ExecuteReaderAsync(Scenario.Cancellation);
        while (await reader.ReadAsync(Scenario.Cancellation))
        {
            events.Add((Guid.Parse(reader.GetString(0)), reader.GetString(1), reader.GetString(2)));
        }

        return events;
    }
}
