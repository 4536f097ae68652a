using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>
/// Time from a decommission call to both consumer caches updated, over the real services, broker
/// and SQLite databases, next to the raw broker round trip measured in the same run.
/// The end of each propagation is the later of the two replicas' own AppliedAt timestamps, taken by
/// the consumers on the same clock as the start, so the status polling adds no error to the figure.
/// </summary>
public static class PropagationBenchmark
{
    private const string Usage = "usage: dotnet run -c Release --project tests/Benchmarks -- [--decommissions N (>= 1, default 250)] [--warmup N (default 20)] [--raw N (default 1000)]";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var decommissions, out var warmup, out var rawMessages))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        // A configured broker is used as it is; on the local broker the run gets a virtual host of its own.
        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__messaging");
        await using var virtualHost = configured is null ? await ThrowawayVirtualHost.TryCreateAsync("bench") : null;
        var broker = new Uri(configured ?? virtualHost?.Uri.ToString() ?? "amqp://guest:guest@127.0.0.1:5672/");
        var data = Path.Combine(Path.GetTempPath(), $"pco-bench-{Guid.NewGuid():N}");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        try
        {
            Console.WriteLine($"Starting Product, Catalog and Order on {broker.Host}:{broker.Port} with fresh SQLite databases...");
            await using var system = await LocalSystem.StartAsync(new LocalSystemOptions
            {
                Broker = broker,
                DataDirectory = data,
                Settings = new Dictionary<string, string?>
                {
                    [StrategyLabSettings.HoldDeletingStep.Key] = StrategyLabSettings.HoldDeletingStep.Value,
                    [StrategyLabSettings.HighVolumeClientsSetting] = "benchmark",
                },
            }, cancel.Token);
            Console.WriteLine($"Client 'benchmark' mints its own token; rate limit raised for it ({StrategyLabSettings.HighVolumeClientsSetting}).");
            var token = system.Tokens.Mint("benchmark", Scopes.Staff, name: "Benchmark");
            using var products = system.Product.CreateClient(token);
            using var catalog = system.Catalog.CreateClient(token);
            using var orders = system.Order.CreateClient(token);

            Console.WriteLine($"Seeding {warmup + decommissions} products...");
            var ids = new List<Guid>();
            for (var i = 0; i < warmup + decommissions; i++)
            {
                var response = await products.PostAsJsonAsync("/products", new { sku = $"BENCH-{i:D5}", name = $"Product {i}", price = 10m }, cancel.Token);
                response.EnsureSuccessStatusCode();
                ids.Add((await response.Content.ReadFromJsonAsync<ProductResponse>(Json, cancel.Token))!.Id);
            }

            foreach (var id in ids)
            {
                await WaitForStatusAsync(catalog, orders, id, ProductStatus.Active, cancel.Token);
            }

            Console.WriteLine($"Decommissioning {warmup} (warm-up, not counted) + {decommissions}, one at a time...");
            var lags = new List<double>();
            for (var i = 0; i < ids.Count; i++)
            {
                var startedAt = DateTimeOffset.UtcNow;
                (await products.PostAsync($"/products/{ids[i]}/decommission", null, cancel.Token)).EnsureSuccessStatusCode();
                var appliedAt = await WaitForStatusAsync(catalog, orders, ids[i], ProductStatus.Decommissioning, cancel.Token);
                if (i >= warmup)
                {
                    lags.Add((appliedAt - startedAt).TotalMilliseconds);
                }
            }

            Console.WriteLine($"Measuring the raw broker round trip with {rawMessages} messages...");
            var raw = await RawBrokerRoundTrip.MeasureAsync(broker, rawMessages, payloadBytes: 1024, cancel.Token);

            Report(LatencySummary.Of(lags), LatencySummary.Of(raw), broker);
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Waits until both replicas show the status; returns the later of their apply times. Gives up after 30 s.</summary>
    private static async Task<DateTimeOffset> WaitForStatusAsync(HttpClient catalog, HttpClient orders, Guid id, ProductStatus status, CancellationToken cancellationToken)
    {
        var latest = DateTimeOffset.MinValue;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var service in new[] { catalog, orders })
        {
            while (true)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Product {id} did not reach {status} in both caches within 30 s.");
                }

                using var response = await service.GetAsync($"/product-replicas/{id}", cancellationToken);
                if (response.IsSuccessStatusCode
                    && await response.Content.ReadFromJsonAsync<ProductReplicaResponse>(Json, cancellationToken) is { } replica
                    && replica.Status == status)
                {
                    latest = replica.AppliedAt > latest ? replica.AppliedAt : latest;
                    break;
                }

                await Task.Delay(2, cancellationToken);
            }
        }

        return latest;
    }

    private static void Report(LatencySummary pipeline, LatencySummary raw, Uri broker)
    {
        Console.WriteLine();
        Console.WriteLine("| measurement | n | p50 ms | p90 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine(pipeline.Row("decommission call -> Catalog and Order caches updated"));
        Console.WriteLine(raw.Row("raw broker publish (confirmed) -> consume, 1 KiB"));
        Console.WriteLine();
        Console.WriteLine($"pipeline / raw broker: p50 x{pipeline.P50 / raw.P50:0.0}, p99 x{pipeline.P99 / raw.P99:0.0}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, broker {broker.Host}:{broker.Port}");
    }

    private static bool TryParse(string[] args, out int decommissions, out int warmup, out int raw)
    {
        (decommissions, warmup, raw) = (250, 20, 1000);
        for (var i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], out var value) || value < 0)
            {
                return false;
            }

            switch (args[i])
            {
                case "--decommissions" when value >= 1:
                    decommissions = value;
                    break;
                case "--warmup":
                    warmup = value;
                    break;
                case "--raw" when value >= 1:
                    raw = value;
                    break;
                default:
                    return false;
            }

            i++;
        }

        return true;
    }
}
