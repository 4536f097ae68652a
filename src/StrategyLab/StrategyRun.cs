using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.BuildingBlocks.Strategies;
using ProductCatalogOrders.CatalogService.Catalog;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.OrderService.Orders;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.StrategyLab;

/// <summary>
/// One strategy through the scenario, on the real services, broker and fresh SQLite databases:
/// seed products, catalog items and orders; remove some products while orders keep coming; stop
/// ProductService for an outage while orders and catalog reads continue; restart it; then count
/// the references ProductService no longer resolves.
/// </summary>
public sealed class StrategyRun(DeletionStrategy strategy, LabParameters parameters, Uri broker, Action<string> progress)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private const string Client = "strategy-lab";

    private readonly Random _random = new(42);

    public async Task<StrategyResult> RunAsync(CancellationToken cancellationToken)
    {
        var data = Path.Combine(Path.GetTempPath(), $"pco-lab-{strategy}-{Guid.NewGuid():N}");
        try
        {
            await using var system = await LocalSystem.StartAsync(
                new LocalSystemOptions
                {
                    Broker = broker,
                    DataDirectory = data,
                    Settings = new Dictionary<string, string?>(StrategyLabSettings.For(strategy))
                    {
                        [StrategyLabSettings.HoldDeletingStep.Key] = StrategyLabSettings.HoldDeletingStep.Value,
                        [StrategyLabSettings.HighVolumeClientsSetting] = Client,
                    },
                    MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Critical, // the lab's own progress is the output
                }, cancellationToken);
            // The lab mints its own token, and its subject alone gets the raised rate limit.
            var token = system.Tokens.Mint(Client, Scopes.Staff, name: "Strategy lab");
            progress($"client '{Client}' with every staff scope; rate limit raised for it ({StrategyLabSettings.HighVolumeClientsSetting})");
            using var products = LabHttpClients.For(system.Product, token);
            using var catalog = LabHttpClients.For(system.Catalog, token);
            using var orders = LabHttpClients.For(system.Order, token);

            progress($"seeding {parameters.Products} products, their catalog items and {parameters.SeedOrders} orders");
            var ids = await SeedAsync(products, catalog, orders, cancellationToken);

            progress($"removing {parameters.Removals} products while orders keep coming");
            var removed = ids.Take(parameters.Removals).ToList();
            var normalOrders = new CallRecorder();
            var removals = new CallRecorder();
            var removedAt = new Dictionary<Guid, DateTimeOffset>();
            var lags = new List<double>();
            using (var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var load = PlaceOrdersAsync(orders, ids, normalOrders, stopLoad.Token);
                foreach (var id in removed)
                {
                    var call = await removals.TimeAsync(id, () => RemoveAsync(products, id, cancellationToken));
                    if (call.Succeeded)
                    {
                        removedAt[id] = DateTimeOffset.UtcNow;
                        if (strategy == DeletionStrategy.AsynchronousUpdate && await PropagatedAtAsync(catalog, orders, id, cancellationToken) is { } appliedAt)
                        {
                            lags.Add((appliedAt - call.StartedAt).TotalMilliseconds);
                        }
                    }
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                await stopLoad.CancelAsync();
                await load;
            }

            var underLoad = strategy == DeletionStrategy.AsynchronousUpdate
                ? await PropagationUnderLoadAsync(products, catalog, orders, cancellationToken)
                : [];

            progress($"stopping ProductService for {parameters.Outage.TotalSeconds:0} s while orders and catalog reads continue");
            var outageOrders = new CallRecorder();
            var outageReads = new CallRecorder();
            await system.Product.StopAsync(cancellationToken);
            using (var outage = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                outage.CancelAfter(parameters.Outage);
                var remaining = ids.Skip(parameters.Removals).ToList();
                await Task.WhenAll(
                    PlaceOrdersAsync(orders, remaining, outageOrders, outage.Token),
                    ReadCatalogAsync(catalog, outageReads, outage.Token));
            }

            progress("restarting ProductService and counting orphaned references");
            await system.Product.StartAsync(cancellationToken);
            var orphans = await CountOrphansAsync(system, products, cancellationToken);

            progress("reconciling Catalog and Order with ProductService and reading their dangling gauges");
            var reconciliation = await ReconcileAsync(system, cancellationToken);

            var orderCalls = normalOrders.Calls.ToList();
            var removalCalls = removals.Calls.ToList();
            return new StrategyResult(
                strategy.ToString(),
                orphans,
                removalCalls.Count(c => !c.Succeeded),
                Percentiles.Of(removalCalls.Select(c => c.LatencyMs).ToList(), 0.50),
                Percentiles.Of(removalCalls.Select(c => c.LatencyMs).ToList(), 0.99),
                Percentiles.Share(orderCalls.Count(c => c.Answered), orderCalls.Count),
                Percentiles.Share(outageOrders.Calls.Count(c => c.Answered), outageOrders.Calls.Count),
                Percentiles.Of(orderCalls.Select(c => c.LatencyMs).ToList(), 0.50),
                Percentiles.Of(orderCalls.Select(c => c.LatencyMs).ToList(), 0.99),
                Percentiles.Share(outageReads.Calls.Count(c => c.Answered), outageReads.Calls.Count),
                Percentiles.Of(lags, 0.50),
                Percentiles.Of(lags, 0.99),
                orderCalls.Count(c => c.Succeeded && removedAt.TryGetValue(c.ProductId, out var at) && c.StartedAt > at),
                strategy == DeletionStrategy.AsynchronousUpdate ? parameters.LoadPerSecond : null,
                Percentiles.Of(underLoad, 0.50),
                Percentiles.Of(underLoad, 0.99),
                reconciliation);
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // A database file may still be held for a moment; the folder is in temp.
            }
        }
    }

    /// <summary>
    /// Decommissions offered at the configured rate (open loop) on products seeded for it; each lag
    /// runs from the call's scheduled moment to the later of the two replicas' apply times.
    /// </summary>
    private async Task<List<double>> PropagationUnderLoadAsync(HttpClient products, HttpClient catalog, HttpClient orders, CancellationToken cancellationToken)
    {
        var count = Math.Max(1, (int)Math.Round(parameters.LoadPerSecond * parameters.LoadDuration.TotalSeconds));
        progress($"seeding {count} more products, then decommissioning them at {parameters.LoadPerSecond:0.#}/s for {parameters.LoadDuration.TotalSeconds:0} s");
        var ids = new Guid[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var response = await products.PostAsJsonAsync("/products", new { sku = $"LOAD-{i:D6}", name = $"Load {i}", price = 1m }, cancellationToken);
                response.EnsureSuccessStatusCode();
                ids[i] = (await response.Content.ReadFromJsonAsync<ProductResponse>(Json, cancellationToken))!.Id;
            }
        }));
        foreach (var id in ids)
        {
            await UntilAsync(async () => await ReplicaStatusAsync(catalog, id, cancellationToken) == ProductStatus.Active
                && await ReplicaStatusAsync(orders, id, cancellationToken) == ProductStatus.Active, cancellationToken);
        }

        var calls = await OpenLoop.RunAsync(count, parameters.LoadPerSecond, async (i, due) =>
        {
            using var response = await products.PostAsync($"/products/{ids[i]}/decommission", null, cancellationToken);
            response.EnsureSuccessStatusCode();
            return due;
        }, cancellationToken);

        var lags = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var appliedAt = await PropagatedAtAsync(catalog, orders, ids[i], cancellationToken)
                ?? throw new TimeoutException($"Decommissioned product {ids[i]} did not reach both caches; the lag under load would leave it out.");
            lags.Add((appliedAt - calls[i]).TotalMilliseconds);
        }

        return lags;
    }

    private static async Task<ProductStatus?> ReplicaStatusAsync(HttpClient service, Guid id, CancellationToken cancellationToken)
    {
        using var response = await service.GetAsync($"/product-replicas/{id}", cancellationToken);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<ProductReplicaResponse>(Json, cancellationToken))?.Status : null;
    }

    private async Task<List<Guid>> SeedAsync(HttpClient products, HttpClient catalog, HttpClient orders, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < parameters.Products; i++)
        {
            var response = await products.PostAsJsonAsync("/products", new { sku = $"LAB-{i:D4}", name = $"Product {i}", price = 5m + i }, cancellationToken);
            response.EnsureSuccessStatusCode();
            ids.Add((await response.Content.ReadFromJsonAsync<ProductResponse>(Json, cancellationToken))!.Id);
        }

        foreach (var id in ids)
        {
            // Under AsynchronousUpdate the catalog learns of the product from its event; wait for it.
            await UntilAsync(async () => (await catalog.PostAsJsonAsync("/catalog/items", new { productId = id, category = "lab" }, cancellationToken)).IsSuccessStatusCode,
                cancellationToken);
        }

        // Half of the products to be removed have no orders yet, so a removal that needs every
        // reference released has something it can succeed on.
        var ordered = ids.Skip(parameters.Removals / 2).ToList();
        for (var i = 0; i < parameters.SeedOrders; i++)
        {
            var id = ordered[i % ordered.Count];
            await UntilAsync(async () => (await PlaceOrderAsync(orders, id, cancellationToken)).IsSuccessStatusCode, cancellationToken);
        }

        return ids;
    }

    private Task<HttpResponseMessage> RemoveAsync(HttpClient products, Guid id, CancellationToken cancellationToken) =>
        strategy is DeletionStrategy.JustDelete or DeletionStrategy.SynchronousCoordination
            ? products.DeleteAsync($"/products/{id}", cancellationToken)
            : products.PostAsync($"/products/{id}/decommission", null, cancellationToken);

    private async Task PlaceOrdersAsync(HttpClient orders, IReadOnlyList<Guid> ids, CallRecorder recorder, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var id = ids[_random.Next(ids.Count)];
            await recorder.TimeAsync(id, () => PlaceOrderAsync(orders, id, CancellationToken.None));
            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static async Task ReadCatalogAsync(HttpClient catalog, CallRecorder recorder, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await recorder.TimeAsync(Guid.Empty, () => catalog.GetAsync("/catalog/items", CancellationToken.None));
            await Task.Delay(50, CancellationToken.None);
        }
    }

    private static Task<HttpResponseMessage> PlaceOrderAsync(HttpClient orders, Guid productId, CancellationToken cancellationToken) =>
        orders.PostAsJsonAsync("/orders", new
        {
            customerId = "lab-customer",
            customerName = "Lab Customer",
            customerEmail = "lab@example.com",
            shippingAddress = "1 Lab Street",
            lines = new[] { new { productId, quantity = 1 } },
        }, cancellationToken);

    /// <summary>The later of the two replicas' apply times, once both no longer show the product Active.</summary>
    private static async Task<DateTimeOffset?> PropagatedAtAsync(HttpClient catalog, HttpClient orders, Guid id, CancellationToken cancellationToken)
    {
        var latest = DateTimeOffset.MinValue;
        foreach (var service in new[] { catalog, orders })
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (true)
            {
                using var response = await service.GetAsync($"/product-replicas/{id}", cancellationToken);
                if (response.IsSuccessStatusCode
                    && await response.Content.ReadFromJsonAsync<ProductReplicaResponse>(Json, cancellationToken) is { Status: not ProductStatus.Active } replica)
                {
                    latest = replica.AppliedAt > latest ? replica.AppliedAt : latest;
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    return null;
                }

                await Task.Delay(5, cancellationToken);
            }
        }

        return latest;
    }

    /// <summary>
    /// Runs the reconciliation in Catalog and Order with an <c>admin</c> token of the lab's own, reads
    /// each one's report and dangling gauges, and writes the raw <c>/metrics</c> excerpt to
    /// <c>{out}/{strategy}.metrics.txt</c>.
    /// </summary>
    private async Task<IReadOnlyList<ServiceReconciliation>> ReconcileAsync(LocalSystem system, CancellationToken cancellationToken)
    {
        var admin = system.Tokens.Mint($"{Client}-admin", [Scopes.Admin], name: "Strategy lab (reconciliation)");
        var results = new List<ServiceReconciliation>();
        var excerpt = new System.Text.StringBuilder(
            "# The lab hosts the services in one process: the ASP.NET Core lines count Catalog's and Order's requests together;\n"
            + "# the pco_dangling lines are each service's own (label service).\n");
        foreach (var (host, service, referencing) in new[]
        {
            (system.Catalog, CatalogService.CatalogServiceApp.Name, "catalog_item"),
            (system.Order, OrderService.OrderServiceApp.Name, "order_line"),
        })
        {
            using var client = LabHttpClients.For(host, admin);
            var (result, lines) = await DanglingProbe.RunAsync(client, service, referencing, cancellationToken);
            results.Add(result);
            excerpt.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"# {service}: GET /metrics after POST /reconciliation under {strategy}, {DateTimeOffset.UtcNow:u}\n").Append(lines);
            progress($"{service}: " + string.Join(", ", result.Dangling.Select(d =>
                $"{d.Count:0} dangling {d.ResourceType} (ratio {d.Ratio:0.###}, oldest {d.OldestAgeSeconds:0.0} s)")));
        }

        var file = await LabReportWriter.WriteMetricsExcerptAsync(parameters.OutputDirectory, strategy.ToString(), excerpt.ToString(), cancellationToken);
        progress($"wrote {file}");
        return results;
    }

    /// <summary>Order lines and catalog items whose product ProductService no longer returns.</summary>
    private static async Task<int> CountOrphansAsync(LocalSystem system, HttpClient products, CancellationToken cancellationToken)
    {
        List<Guid> referenced;
        await using (var scope = system.Order.Services.CreateAsyncScope())
        {
            referenced = await scope.ServiceProvider.GetRequiredService<OrdersDbContext>().Set<OrderLine>()
                .Select(l => l.ProductId).ToListAsync(cancellationToken);
        }

        await using (var scope = system.Catalog.Services.CreateAsyncScope())
        {
            referenced.AddRange((await scope.ServiceProvider.GetRequiredService<ICatalogStore>().ListItemsAsync(cancellationToken)).Select(i => i.ProductId));
        }

        var missing = new HashSet<Guid>();
        foreach (var id in referenced.Distinct())
        {
            using var response = await products.GetAsync($"/products/{id}", cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                missing.Add(id);
            }
        }

        return referenced.Count(missing.Contains);
    }

    private static async Task UntilAsync(Func<Task<bool>> attempt, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await attempt())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The system did not accept the seed data within 30 s.");
            }

            await Task.Delay(20, cancellationToken);
        }
    }
}
