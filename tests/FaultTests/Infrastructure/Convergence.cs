using ProductCatalogOrders.TestSupport.Stores;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ProductCatalogOrders.FaultTests.Infrastructure;

/// <summary>
/// Holds every replica in Catalog and Order against ProductService's snapshot (version and status per
/// product) and resolves every catalog item and order line, reading the consumers' SQLite files
/// read-only, so the check touches neither the services' request paths nor their consumers.
/// </summary>
public static class Convergence
{
    /// <summary>Polls until nothing diverges, or <paramref name="timeout"/> passes; returns the last verdict and the time it took from <paramref name="since"/>.</summary>
    public static async Task<(Verdict Verdict, TimeSpan ConvergedIn)> WaitAsync(FaultSystem system, Stopwatch since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var verdict = await CheckAsync(system, cancellationToken);
            if (verdict.Clean || deadline.Elapsed > timeout)
            {
                return (verdict, since.Elapsed);
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public static async Task<Verdict> CheckAsync(FaultSystem system, CancellationToken cancellationToken)
    {
        var source = await system.Api.SnapshotAsync(cancellationToken);
        int lost = 0, resurrected = 0, orphaned = 0, divergent = 0;
        var findings = new List<string>();
        foreach (var consumer in system.Replicas)
        {
            var replicas = await ReadReplicasAsync(consumer, cancellationToken);
            foreach (var product in source.Values)
            {
                var has = replicas.TryGetValue(product.Id, out var replica);
                if (has && replica.Version == product.Version && replica.Status == product.Status)
                {
                    continue;
                }

                divergent++;
                if (!has || replica.Version < product.Version)
                {
                    lost++;
                }

                if (has && replica.Status == "Active" && product.Status != "Active")
                {
                    resurrected++;
                }

                findings.Add($"product {product.Id} ({product.Sku}): ProductService v{product.Version} {product.Status}; {consumer.Service} "
                    + (has ? $"v{replica.Version} {replica.Status}" : "has no replica"));
            }

            foreach (var productId in await ReadReferencesAsync(consumer, cancellationToken))
            {
                var inSource = source.ContainsKey(productId);
                var inReplica = replicas.ContainsKey(productId);
                if (!inSource || !inReplica)
                {
                    orphaned++;
                    findings.Add($"{consumer.ReferenceName} for product {productId} is orphaned: "
                        + $"{(inSource ? "" : "ProductService does not know it")}{(!inSource && !inReplica ? ", " : "")}{(inReplica ? "" : $"{consumer.Service} has no replica")}");
                }
            }
        }

        return new Verdict(lost, resurrected, orphaned, divergent, findings);
    }

    /// <summary>Each replica's version and status.</summary>
    public static async Task<Dictionary<Guid, (long Version, string Status)>> ReadReplicasAsync(ReplicaSource consumer, CancellationToken cancellationToken)
    {
        var replicas = new Dictionary<Guid, (long, string)>();
        await using var connection = await SqliteFiles.OpenReadOnlyAsync(consumer.File, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT ProductId, Version, Status FROM \"{consumer.ReplicaTable}\"";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            replicas[Guid.Parse(reader.GetString(0))] = (reader.GetInt64(1), reader.GetString(2));
        }

        return replicas;
    }

    private static async Task<List<Guid>> ReadReferencesAsync(ReplicaSource consumer, CancellationToken cancellationToken)
    {
        var references = new List<Guid>();
        await using var connection = await SqliteFiles.OpenReadOnlyAsync(consumer.File, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT ProductId FROM \"{consumer.ReferenceTable}\"";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            references.Add(Guid.Parse(reader.GetString(0)));
        }

        return references;
    }

    /// <summary>Outbox rows ProductService has written so far, and those not yet confirmed by the broker.</summary>
    public static async Task<(long Written, long Pending)> OutboxAsync(string productsFile, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteFiles.OpenReadOnlyAsync(productsFile, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(*) - COUNT(DispatchedAt) FROM OutboxMessages";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
