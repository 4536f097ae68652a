using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.Reconciliation;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.CatalogService.Storage.Sqlite;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.OrderService.Orders;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>
/// How long reconciliation and a rebuild take for N products (default 10,000): the three services in
/// this process on SQLite and the local broker, the products created through the API, then each
/// consumer's reconciliation timed three times, and Order's rebuild from an emptied cache.
/// <c>dotnet run -c Release --project tests/Benchmarks -- reconciliation [--products N]</c>
/// </summary>
public static class ReconciliationBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var products = args is ["--products", var n] && int.TryParse(n, out var count) && count > 0 ? count : 10_000;
        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__messaging");
        await using var virtualHost = configured is null ? await ThrowawayVirtualHost.TryCreateAsync("recon") : null;
        var broker = configured is not null ? new Uri(configured) : virtualHost?.Uri;
        if (broker is null)
        {
            Console.Error.WriteLine("Could not create a RabbitMQ virtual host with rabbitmqctl; set ConnectionStrings__messaging to a broker URI to run on.");
            return 1;
        }

        var data = Path.Combine(Path.GetTempPath(), $"pco-recon-bench-{Guid.NewGuid():N}");
        try
        {
            await using var system = await LocalSystem.StartAsync(new LocalSystemOptions
            {
                Broker = broker,
                DataDirectory = data,
                Environment = "Production",
                Settings = new Dictionary<string, string?> { ["Reconciliation:Interval"] = "00:00:00" },
            });
            var token = system.Tokens.Mint("benchmark", Scopes.Staff);
            using var product = system.Product.CreateClient(token);
            using var order = system.Order.CreateClient(token);

            var seeding = Stopwatch.StartNew();
            await Parallel.ForAsync(0, products, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancel) =>
            {
                using var created = await product.PostAsJsonAsync("/products", new { sku = $"RB-{i:D6}", name = $"Product {i}", price = 1.5m }, cancel);
                created.EnsureSuccessStatusCode();
            });
            await WaitUntilAsync(async () => await CatalogCountAsync(system) >= products && await OrderCountAsync(system) >= products);
            Console.WriteLine($"seeded {products:N0} products, both caches caught up, in {seeding.Elapsed.TotalSeconds:0.0} s");

            foreach (var service in new[] { system.Catalog, system.Order })
            {
                var reconciler = service.Services.GetRequiredService<Reconciler>();
                var runs = new List<ReconciliationRun>();
                for (var i = 0; i < 3; i++)
                {
                    runs.Add(await reconciler.RunAsync());
                }

                Console.WriteLine($"{service.Name}: reconciliation of {runs[0].SourceProducts:N0} products, runs {string.Join(" / ", runs.Select(r => $"{r.DurationSeconds:0.000}"))} s"
                    + $" ({runs[^1].Dangling + runs[^1].Stale + runs[^1].Ahead + runs[^1].Missing} findings)");
            }

            await using (var scope = system.Order.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<OrdersDbContext>().ProductReplicas.ExecuteDeleteAsync();
            }

            var missing = await system.Order.Services.GetRequiredService<Reconciler>().RunAsync();
            Console.WriteLine($"order: reconciliation with the cache emptied ({missing.Missing:N0} missing) {missing.DurationSeconds:0.000} s");
            var rebuild = Stopwatch.StartNew();
            using var rebuilt = await order.PostAsync("/cache/rebuild", null);
            rebuilt.EnsureSuccessStatusCode();
            var result = await rebuilt.Content.ReadFromJsonAsync<CacheRebuildResult>();
            Console.WriteLine($"order: rebuild from an empty cache, {result!.Inserted:N0} inserted, {rebuild.Elapsed.TotalSeconds:0.000} s (the service's own figure {result.DurationSeconds:0.000} s)");
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
                // A SQLite file may still be held for a moment; the folder is in temp.
            }
        }
    }

    private static async Task<int> CatalogCountAsync(LocalSystem system)
    {
        await using var scope = system.Catalog.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().ProductReplicas.CountAsync();
    }

    private static async Task<int> OrderCountAsync(LocalSystem system)
    {
        await using var scope = system.Order.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrdersDbContext>().ProductReplicas.CountAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the caches did not catch up within 5 minutes");
            }

            await Task.Delay(200);
        }
    }
}
