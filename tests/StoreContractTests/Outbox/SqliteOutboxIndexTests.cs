using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Outbox;
using ProductCatalogOrders.ProductService.Storage;
using ProductCatalogOrders.StoreContractTests.Fixtures;

namespace ProductCatalogOrders.StoreContractTests.Outbox;

/// <summary>
/// Dispatch cost must not grow with the dispatched rows kept for retention: the claim is answered
/// from the partial index of pending rows, as SQLite's own query plan shows.
/// </summary>
public sealed class SqliteOutboxIndexTests
{
    [Fact]
    public async Task Claim_query_reads_the_partial_index_of_pending_rows()
    {
        await using var database = await MigratedDatabase<SqliteProductsDbContext>.SqliteAsync();
        await using var db = database.Open();
        var claim = db.OutboxMessages.DueSequences(nowUnixMs: 0, take: 200).ToQueryString();

        var plan = new List<string>();
        await using var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', claim.Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal)))
            .Replace("@nowUnixMs", "0").Replace("@take", "200").Replace("@p", "200");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            plan.Add(reader.GetString(3));
        }

        Assert.Contains(plan, step => step.Contains("IX_OutboxMessages_Pending", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal)); // no sort of the backlog
    }
}
