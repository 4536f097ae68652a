using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.BuildingBlocks.Reconciliation;
using ProductCatalogOrders.CatalogService.Catalog;
using ProductCatalogOrders.CatalogService.Storage.Sqlite;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.IntegrationTests.Infrastructure;
using ProductCatalogOrders.OrderService.Orders;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>The reconciler on the real services: divergences made by hand in the consumers' stores are reported, never repaired or deleted.</summary>
/// <remarks>Reads exact dangling gauges, so it runs where no other system's gauges can share its scrape.</remarks>
[Collection(DanglingGaugesReadAlone.Name)]
public sealed class ReconciliationTests(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private Api Api => fixture.Api;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Divergences_made_by_hand_are_reported_with_their_kind_and_nothing_is_deleted()
    {
        var (deleted, setBack, setAhead, intact) = (
            await Api.CreatePropagatedProductAsync(), await Api.CreatePropagatedProductAsync(),
            await Api.CreatePropagatedProductAsync(), await Api.CreatePropagatedProductAsync());
        var orphan = Guid.NewGuid();
        await using (var scope = fixture.System.Catalog.Services.CreateAsyncScope())
        {
            var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            await catalog.ProductReplicas.Where(r => r.ProductId == deleted.Id).ExecuteDeleteAsync(Cancel);
            await catalog.ProductReplicas.Where(r => r.ProductId == setBack.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, 0L), Cancel);
            await catalog.ProductReplicas.Where(r => r.ProductId == setAhead.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, 1000L), Cancel);

            // What JustDelete leaves behind: a cached product ProductService no longer has, and an item listing it.
            var now = DateTimeOffset.UtcNow;
            catalog.ProductReplicas.Add(new ProductReplica
            {
                ProductId = orphan, Sku = "ORPHAN-1", Name = "Deleted upstream", Price = 2m, Status = ProductStatus.Active, Version = 3, ChangedAt = now, AppliedAt = now,
            });
            catalog.CatalogItems.Add(new CatalogItem { Id = Guid.NewGuid(), ProductId = orphan, Category = "orphaned", CreatedAt = now });
            await catalog.SaveChangesAsync(Cancel);
        }

        var run = await Reconciliations.RunAsync(Api.Catalog);
        var first = await Reconciliations.FindingsAsync(Api, Api.Catalog);

        Assert.True(run.Dangling >= 1 && run.Stale >= 1 && run.Ahead >= 1 && run.Missing >= 1, $"run: {run}");
        Assert.Equal((FindingKind.Missing, deleted.Sku, (long?)null, (long?)1), (first[deleted.Id].Kind, first[deleted.Id].Sku, first[deleted.Id].CacheVersion, first[deleted.Id].SourceVersion));
        Assert.Equal((FindingKind.Stale, (long?)0, (long?)1), (first[setBack.Id].Kind, first[setBack.Id].CacheVersion, first[setBack.Id].SourceVersion));
        Assert.Equal((FindingKind.Ahead, (long?)1000, (long?)1), (first[setAhead.Id].Kind, first[setAhead.Id].CacheVersion, first[setAhead.Id].SourceVersion));
        Assert.Equal((FindingKind.Dangling, "ORPHAN-1", 1), (first[orphan].Kind, first[orphan].Sku, first[orphan].References));
        Assert.DoesNotContain(intact.Id, first.Keys);

        // The dangling gauges, as Prometheus reads them: the orphaned copy among the cached products, and its one item among all items.
        var metrics = await DanglingGaugesAsync(Api.Catalog);
        Assert.Equal(1, metrics[("pco_dangling_resources", "product_replica")]);
        Assert.Equal(1.0 / run.CachedProducts, metrics[("pco_dangling_ratio", "product_replica")], 6);
        Assert.Equal(1, metrics[("pco_dangling_resources", "catalog_item")]);
        Assert.Equal(1.0 / run.ReferencingRecords["catalog_item"], metrics[("pco_dangling_ratio", "catalog_item")], 6);
        Assert.True(metrics[("pco_dangling_oldest_age_seconds", "catalog_item")] >= 0);

        // Reported, never repaired or deleted.
        await using (var scope = fixture.System.Catalog.Services.CreateAsyncScope())
        {
            var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            Assert.Equal(1, await catalog.CatalogItems.CountAsync(i => i.ProductId == orphan, Cancel));
            var versions = await catalog.ProductReplicas.Where(r => r.ProductId == orphan || r.ProductId == setBack.Id || r.ProductId == setAhead.Id || r.ProductId == deleted.Id)
                .ToDictionaryAsync(r => r.ProductId, r => r.Version, Cancel);
            Assert.Equal(new Dictionary<Guid, long> { [orphan] = 3, [setBack.Id] = 0, [setAhead.Id] = 1000 }, versions);

            // Repaired by hand: the next run drops that finding and keeps the first sighting of the others.
            await catalog.ProductReplicas.Where(r => r.ProductId == setBack.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, 1L), Cancel);
        }

        await Reconciliations.RunAsync(Api.Catalog);
        var second = await Reconciliations.FindingsAsync(Api, Api.Catalog);

        Assert.DoesNotContain(setBack.Id, second.Keys);
        Assert.Equal(first[orphan].FirstSeenAt, second[orphan].FirstSeenAt);
        Assert.True(second[orphan].LastSeenAt > first[orphan].LastSeenAt, "the second run saw the orphan again");
        Assert.True(second[orphan].AgeSeconds >= (second[orphan].LastSeenAt - first[orphan].FirstSeenAt).TotalSeconds);
    }

    [Fact]
    public async Task Order_reports_a_forged_version_and_a_replica_nobody_knows_and_counts_their_lines()
    {
        var forged = await Api.CreatePropagatedProductAsync();
        var order = await Api.PlaceOrderOkAsync("reconciled-customer", (forged.Id, 2));
        var gone = Guid.NewGuid();
        await using (var scope = fixture.System.Order.Services.CreateAsyncScope())
        {
            var orders = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
            await orders.ProductReplicas.Where(r => r.ProductId == forged.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, 77L), Cancel);
            var now = DateTimeOffset.UtcNow;
            orders.ProductReplicas.Add(new ProductReplica
            {
                ProductId = gone, Sku = "GONE-1", Name = "Deleted upstream", Price = 1m, Status = ProductStatus.Active, Version = 2, ChangedAt = now, AppliedAt = now,
            });
            await orders.SaveChangesAsync(Cancel);
        }

        await Reconciliations.RunAsync(Api.Orders);
        var findings = await Reconciliations.FindingsAsync(Api, Api.Orders);

        Assert.Equal((FindingKind.Ahead, (long?)77, 1), (findings[forged.Id].Kind, findings[forged.Id].CacheVersion, findings[forged.Id].References));
        Assert.Equal((FindingKind.Dangling, "GONE-1", 0), (findings[gone].Kind, findings[gone].Sku, findings[gone].References));
        Assert.NotNull(await Api.GetOrderAsync(order.Id));
        Assert.Equal(77, (await Api.GetReplicaAsync(Api.Orders, forged.Id))!.Version);
    }

    /// <summary>The catalog's dangling gauges from <c>/metrics</c>, by name and resource type.</summary>
    private static async Task<Dictionary<(string Name, string ResourceType), double>> DanglingGaugesAsync(HttpClient service)
    {
        var text = await service.GetStringAsync("/metrics", Cancel);
        var gauges = new Dictionary<(string, string), double>();
        foreach (Match line in Regex.Matches(text, @"^(pco_dangling_\w+)\{([^}]*)\} (\S+)", RegexOptions.Multiline))
        {
            var labels = Regex.Matches(line.Groups[2].Value, "(\\w+)=\"([^\"]*)\"").ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value);
            if (labels["service"] != "catalog")
            {
                // The in-process hosts share one process, whose meter listeners also see Order's gauges;
                // a service run as its own process exports only its own.
                continue;
            }

            gauges[(line.Groups[1].Value, labels["resource_type"])] = double.Parse(line.Groups[3].Value, CultureInfo.InvariantCulture);
        }

        return gauges;
    }
}
