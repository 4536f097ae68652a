using System.Net;
using ProductCatalogOrders.BuildingBlocks.Reconciliation;
using ProductCatalogOrders.IntegrationTests.Infrastructure;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>
/// The meter listeners of in-process hosts see every meter of the process, so a scrape of one system's
/// Catalog also holds the dangling gauges of any other system alive in the test run (one that ran a
/// reconciliation, on demand or on its schedule), under the same labels. Tests that read exact
/// dangling gauges therefore run in this collection: alone, after the parallel ones, each on a system
/// that is gone when its class ends.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DanglingGaugesReadAlone
{
    public const string Name = "dangling gauges read alone";
}

/// <summary>What the strategy lab reports, as a test: the dangling gauges after a removal, read by parsing <c>/metrics</c>.</summary>
[Collection(DanglingGaugesReadAlone.Name)]
public sealed class DanglingGaugeTests(TestBroker broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_JustDelete_removal_the_reconciliation_reports_dangling_copies_items_and_lines_in_metrics()
    {
        await using var system = new JustDeleteSystem(broker);
        await system.InitializeAsync();
        var api = system.Api;
        var (removed, kept) = (await api.CreatePropagatedProductAsync(), await api.CreatePropagatedProductAsync());
        foreach (var product in new[] { removed, kept })
        {
            Assert.Equal(HttpStatusCode.Created, (await api.AddCatalogItemAsync(product.Id)).StatusCode);
        }

        await api.PlaceOrderOkAsync("just-delete-gauges", (removed.Id, 2), (kept.Id, 1));
        await api.PlaceOrderOkAsync("just-delete-gauges", (kept.Id, 1));
        Assert.Equal(HttpStatusCode.NoContent, (await api.Products.DeleteAsync($"/products/{removed.Id}", Cancel)).StatusCode);

        var dangling = await DanglingAfterReconciliationAsync(api);

        // The removed product's copy in each cache (1 of 2), its catalog item (1 of 2) and its order line (1 of 3).
        Assert.Equal(
            new Dictionary<(string, string), (double, double)>
            {
                [("catalog", "product_replica")] = (1, 1 / 2d),
                [("catalog", "catalog_item")] = (1, 1 / 2d),
                [("order", "product_replica")] = (1, 1 / 2d),
                [("order", "order_line")] = (1, Math.Round(1 / 3d, 9)),
            },
            dangling.ToDictionary(g => g.Key, g => (g.Value.Count, Math.Round(g.Value.Ratio, 9))));
        Assert.All(dangling, g => Assert.InRange(g.Value.OldestAge, 0, 60));
        var findings = await Reconciliations.FindingsAsync(api, api.Orders);
        Assert.Equal((FindingKind.Dangling, 1), (findings[removed.Id].Kind, findings[removed.Id].References));
    }

    [Fact]
    public async Task After_an_AsynchronousUpdate_removal_the_reconciliation_reports_nothing_dangling_in_metrics()
    {
        await using var system = new AsynchronousUpdateSystem(broker);
        await system.InitializeAsync();
        var api = system.Api;
        var product = await api.CreatePropagatedProductAsync();
        Assert.Equal(HttpStatusCode.Created, (await api.AddCatalogItemAsync(product.Id)).StatusCode);
        await api.PlaceOrderOkAsync("async-gauges", (product.Id, 2));
        await api.DecommissionCompletelyAsync(product.Id);

        var dangling = await DanglingAfterReconciliationAsync(api);

        Assert.Equal(4, dangling.Count);
        Assert.All(dangling, gauge =>
        {
            Assert.True(gauge.Value.Total > 0, $"{gauge.Key}: nothing of the type to dangle, the zero would prove nothing");
            Assert.Equal((0d, 0d, 0d), (gauge.Value.Count, gauge.Value.OldestAge, gauge.Value.Ratio));
        });
    }

    /// <summary>
    /// Runs the reconciliation in Catalog and Order, then reads their dangling gauges by parsing each one's
    /// <c>/metrics</c>: count, oldest age and ratio per service and resource type, with the total of the
    /// type the run counted. A series that is not exported, or exported twice, fails the test rather than
    /// reading as zero or as a sum.
    /// </summary>
    private static async Task<Dictionary<(string Service, string ResourceType), (double Count, double OldestAge, double Ratio, int Total)>> DanglingAfterReconciliationAsync(Api api)
    {
        var gauges = new Dictionary<(string, string), (double, double, double, int)>();
        foreach (var (client, service, referencing) in new[] { (api.Catalog, "catalog", "catalog_item"), (api.Orders, "order", "order_line") })
        {
            var run = await Reconciliations.RunAsync(client);
            var scrape = PrometheusText.Parse(await client.GetStringAsync("/metrics", Cancel));
            foreach (var (resourceType, total) in new[] { ("product_replica", run.CachedProducts), (referencing, run.ReferencingRecords[referencing]) })
            {
                // Each scrape also holds the other consumer's series (one process), told apart by service.
                (string, string)[] labels = [("service", service), ("resource_type", resourceType)];
                double One(string name)
                {
                    var series = scrape.Find(name, labels).ToList();
                    Assert.True(series.Count == 1, $"{name}{{service=\"{service}\",resource_type=\"{resourceType}\"}}: {series.Count} series in /metrics, expected exactly one");
                    return series[0].Value;
                }

                gauges[(service, resourceType)] = (One("pco_dangling_resources"), One("pco_dangling_oldest_age_seconds"), One("pco_dangling_ratio"), total);
            }
        }

        return gauges;
    }
}
