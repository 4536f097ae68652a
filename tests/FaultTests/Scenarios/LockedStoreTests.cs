using System.Diagnostics;
using ProductCatalogOrders.FaultTests.Infrastructure;

namespace ProductCatalogOrders.FaultTests.Scenarios;

/// <summary>Another writer holds the consumer's SQLite file for 5 s (BEGIN IMMEDIATE) while events stream in.</summary>
[Collection(SharedSystemCollection.Name)]
public sealed class LockedStoreTests(SharedSystem shared, FaultTable table)
{
    private static readonly TimeSpan Held = TimeSpan.FromSeconds(5);

    private FaultSystem System => shared.System;

    [Fact]
    public async Task A_consumer_store_locked_by_another_writer_for_5_s_loses_nothing()
    {
        var scenario = await Scenario.BeginAsync("OrderService's SQLite file locked by another writer for 5 s", System, table);
        var ids = await scenario.PrepareProductsAsync("locked", 300);

        var churn = ProductChurn.Start(System.Api, ids, concurrency: 4, Scenario.Cancellation);
        await churn.ReachedAsync(0.2, Scenario.Cancellation);
        var sinceLock = Stopwatch.StartNew();
        int callsAtLock = churn.Calls, callsAtRelease;
        await using (var writer = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={System.OrdersDatabase};Pooling=False"))
        {
            await writer.OpenAsync(Scenario.Cancellation);
            await using var begin = writer.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync(Scenario.Cancellation);
            await Task.Delay(Held, Scenario.Cancellation);
            callsAtRelease = churn.Calls;
            await using var commit = writer.CreateCommand();
            commit.CommandText = "COMMIT";
            await commit.ExecuteNonQueryAsync(Scenario.Cancellation);
        }

        await churn.Completion;
        await scenario.EndAsync(sinceLock, $"held from call {callsAtLock} to call {callsAtRelease} of {churn.Total}");
    }
}
