using ProductCatalogOrders.TestSupport.Stores;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>
/// Reads the services' SQLite files read-only, between stages: the timestamps the services stamped
/// themselves (so polling adds no error to a latency) and the outbox's size.
/// </summary>
public static class StoreFiles
{
    /// <summary>Catalog's and Order's product caches: file and table.</summary>
    public static (string File, string Table)[] Caches(BenchmarkSystem system) =>
        [(system.CatalogDatabase, "ProductCache"), (system.OrdersDatabase, "ProductReplicas")];

    /// <summary>Each cached product with the given status and the time its replica was applied (stamped after the write committed).</summary>
    public static Task<Dictionary<Guid, DateTimeOffset>> AppliedAtAsync(string file, string table, string status, CancellationToken cancellationToken) =>
        ReadAsync(file, $"SELECT ProductId, AppliedAt FROM \"{table}\" WHERE Status = $status", ("$status", status), cancellationToken);

    /// <summary>When each product's decommission was completed (every consumer confirmed).</summary>
    public static Task<Dictionary<Guid, DateTimeOffset>> DecommissionCompletedAtAsync(string productsFile, CancellationToken cancellationToken) =>
        ReadAsync(productsFile, "SELECT Id, DecommissionCompletedAt FROM Products WHERE DecommissionCompletedAt IS NOT NULL", null, cancellationToken);

    /// <summary>Outbox rows still to publish, and rows published and kept.</summary>
    public static async Task<(long Pending, long Dispatched)> OutboxAsync(string productsFile, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteFiles.OpenReadOnlyAsync(productsFile, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM OutboxMessages WHERE DispatchedAt IS NULL), (SELECT COUNT(*) FROM OutboxMessages WHERE DispatchedAt IS NOT NULL)";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>How many consumer confirmations ProductService has recorded.</summary>
    public static async Task<long> ConfirmationsAsync(string productsFile, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteFiles.OpenReadOnlyAsync(productsFile, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM DeletionConfirmations";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<Dictionary<Guid, DateTimeOffset>> ReadAsync(string file, string sql, (string Name, string Value)? parameter, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteFiles.OpenReadOnlyAsync(file, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (parameter is { } p)
        {
            command.Parameters.AddWithValue(p.Name, p.Value);
        }

        var result = new Dictionary<Guid, DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[Guid.Parse(reader.GetString(0))] = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
        }

        return result;
    }
}
