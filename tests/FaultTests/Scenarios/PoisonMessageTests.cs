using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ProductCatalogOrders.FaultTests.Infrastructure;

namespace ProductCatalogOrders.FaultTests.Scenarios;

/// <summary>
/// A message the consumer cannot apply: a trigger put into OrderService's SQLite file refuses the
/// replica update of one product, so its <c>ProductDecommissioned</c> fails every retry and lands in
/// the queue's <c>_error</c> queue while the events around it are applied. An operator removes the
/// cause (drops the trigger) and re-drives the error queue through OrderService's admin endpoint; the
/// message is applied, Order confirms, and the decommission completes.
/// </summary>
[Collection(SharedSystemCollection.Name)]
public sealed class PoisonMessageTests(SharedSystem shared, FaultTable table)
{
    private FaultSystem System => shared.System;

    [Fact]
    public async Task A_poison_message_waits_in_the_error_queue_and_is_applied_once_re_driven()
    {
        var scenario = await Scenario.BeginAsync("poison message: into _error, re-driven, applied", System, table);
        var ids = await scenario.PrepareProductsAsync("poison", 50);
        var poisoned = ids[^1];
        await using var queues = await BrokerQueues.ConnectAsync(System, Scenario.Cancellation);
        var errorQueue = queues.QueueName("order", "product-decommissioned") + "_error";
        var trigger = $"fault_suite_poison_{Guid.NewGuid():N}";
        await ExecuteAsync(System.OrdersDatabase,
            $"CREATE TRIGGER {trigger} BEFORE UPDATE ON ProductReplicas WHEN upper(OLD.ProductId) = upper('{poisoned}') BEGIN SELECT RAISE(ABORT, 'poisoned by the fault suite'); END;");
        Stopwatch since;
        var waited = Stopwatch.StartNew();
        try
        {
            since = Stopwatch.StartNew();
            await System.Api.DecommissionAsync(ids, Scenario.Cancellation);
            while (await queues.ReadyAsync(errorQueue, Scenario.Cancellation, createdOnFirstMessage: true) == 0)
            {
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"the poisoned event did not reach {errorQueue} within 60 s");
                await Task.Delay(100, Scenario.Cancellation);
            }
        }
        finally
        {
            await ExecuteAsync(System.OrdersDatabase, $"DROP TRIGGER IF EXISTS {trigger};");
        }

        var inError = waited.Elapsed;
        var stuck = await Convergence.CheckAsync(System, Scenario.Cancellation);
        Assert.True(stuck.Findings.Any(f => f.Contains(poisoned.ToString(), StringComparison.OrdinalIgnoreCase)),
            $"while its event waits in {errorQueue}, Order's replica of {poisoned} must still be behind: {stuck.Describe()}");

        using var redrive = await System.Api.Order.PostAsync($"/messaging/error-queues/{Uri.EscapeDataString(errorQueue)}/redrive", null, Scenario.Cancellation);
        await FaultApi.ExpectAsync(redrive, HttpStatusCode.OK, $"re-drive {errorQueue}");
        var moved = (await redrive.Content.ReadFromJsonAsync<RedriveResult>(FaultApi.Json, Scenario.Cancellation))!;

        await scenario.EndAsync(since, $"1 of {ids.Count} decommissions poisoned; in {errorQueue[System.EntityPrefix.Length..]} {inError.TotalSeconds:0.0} s after the calls began; re-driven: {moved.Moved} moved to {moved.Target[System.EntityPrefix.Length..]}");
        Assert.Equal(1, moved.Moved);
        Assert.Equal(0u, await queues.ReadyAsync(errorQueue, Scenario.Cancellation, createdOnFirstMessage: true));
    }

    private static async Task ExecuteAsync(string file, string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync(Scenario.Cancellation);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout = 10000;";
            await pragma.ExecuteNonQueryAsync(Scenario.Cancellation);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Scenario.Cancellation);
    }

    private sealed record RedriveResult(string Queue, string Target, int Moved);
}
