using System.Diagnostics;
using ProductCatalogOrders.FaultTests.Infrastructure;

namespace ProductCatalogOrders.FaultTests.Scenarios;

/// <summary>
/// The check every scenario ends with can fail: a replica put behind the source and back to Active,
/// and a catalog item for a product nobody knows, written straight into Catalog's SQLite file (with
/// its foreign keys off, which the service never does), are each counted and named. Both are undone
/// before the test ends.
/// </summary>
[Collection(SharedSystemCollection.Name)]
public sealed class VerdictTests(SharedSystem shared)
{
    private FaultSystem System => shared.System;

    [Fact]
    public async Task The_check_counts_and_names_a_stale_resurrected_replica_and_an_orphaned_reference()
    {
        var scenario = await Scenario.BeginAsync("verdict self-check", System, new FaultTable());
        var product = (await scenario.PrepareProductsAsync("verdict", 1, referenced: 0))[0];
        await System.Api.DecommissionAsync([product], Scenario.Cancellation);
        await WaitDecommissionedAndConvergedAsync(product);

        var unknown = Guid.NewGuid();
        var item = Guid.NewGuid();
        Assert.Equal(1, await ExecuteAsync($"UPDATE ProductCache SET Status = 'Active', Version = Version - 1 WHERE upper(ProductId) = upper('{product}');"));
        Assert.Equal(1, await ExecuteAsync($"INSERT INTO CatalogItems (Id, ProductId, Category, CreatedAt) VALUES (upper('{item}'), upper('{unknown}'), 'faults', '2026-01-01 00:00:00+00:00');"));
        Verdict verdict;
        try
        {
            verdict = await Convergence.CheckAsync(System, Scenario.Cancellation);
        }
        finally
        {
            await ExecuteAsync($"UPDATE ProductCache SET Status = 'Decommissioned', Version = Version + 1 WHERE upper(ProductId) = upper('{product}');"
                + $"DELETE FROM CatalogItems WHERE upper(Id) = upper('{item}');");
        }

        Assert.Equal((1, 1, 1, 1), (verdict.Lost, verdict.Resurrected, verdict.Orphaned, verdict.Divergent));
        Assert.Contains(verdict.Findings, f => f.Contains($"product {product}", StringComparison.OrdinalIgnoreCase) && f.Contains("ProductService v3 Decommissioned; Catalog v2 Active", StringComparison.Ordinal));
        Assert.Contains(verdict.Findings, f => f.Contains($"catalog item for product {unknown} is orphaned", StringComparison.OrdinalIgnoreCase));
        Assert.True((await Convergence.CheckAsync(System, Scenario.Cancellation)).Clean, "the replica and the catalog are as they were");
    }

    private async Task WaitDecommissionedAndConvergedAsync(Guid product)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var status = (await System.Api.SnapshotAsync(Scenario.Cancellation))[product].Status;
            if (status == "Decommissioned" && (await Convergence.CheckAsync(System, Scenario.Cancellation)).Clean)
            {
                return;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"product {product} is {status}, not Decommissioned and converged, after 60 s");
            await Task.Delay(100, Scenario.Cancellation);
        }
    }

    private async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={System.CatalogDatabase};Pooling=False;Foreign Keys=False");
        await connection.OpenAsync(Scenario.Cancellation);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout = 10000;";
            await pragma.ExecuteNonQueryAsync(Scenario.Cancellation);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(Scenario.Cancellation);
    }
}
