using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.BuildingBlocks.Telemetry;
using ProductCatalogOrders.IntegrationTests.Infrastructure;
using ProductCatalogOrders.TestSupport.Processes;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>
/// The metrics table as an operator scrapes it: ProductService and CatalogService as real processes
/// (so each /metrics holds only its own process), a scenario of decommissions, a restore, an unknown
/// restore and a refused purge, then every metric read by parsing the Prometheus text, with the
/// values the scenario must have produced. A third registered consumer that never confirms ("ghost")
/// keeps one deletion in its DELETING step long enough to be stuck.
/// </summary>
public sealed partial class MetricsTests(TestBroker broker) : IAsyncLifetime
{
    private static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(2);

    private readonly string _data = Directory.CreateTempSubdirectory("pco-metrics").FullName;
    private readonly LocalTokenIssuer _tokens = LocalTokenIssuer.WithNewKey();
    private ServiceProcess _product = null!;
    private ServiceProcess _catalog = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var prefix = $"met-{Guid.NewGuid():N}"[..12] + "-";
        var productPort = FreePort.Next();
        var starting = new[]
        {
            ServiceProcess.StartAsync(Options("ProductService", productPort, prefix, new()
            {
                ["ConnectionStrings__productsdb"] = $"Data Source={Path.Combine(_data, "products.db")}",
                ["Deletion__Consumers"] = "catalog,ghost",
                ["Deletion__StuckAfter"] = StuckAfter.ToString(),
                ["Telemetry__StoreGaugeMaxAge"] = "00:00:00.100",
            }), Cancel),
            ServiceProcess.StartAsync(Options("CatalogService", FreePort.Next(), prefix, new()
            {
                ["ConnectionStrings__catalogdb"] = $"Data Source={Path.Combine(_data, "catalog.db")}",
                ["services__productservice__http__0"] = $"http://127.0.0.1:{productPort}",
            }), Cancel),
        };
        var started = await Task.WhenAll(starting);
        (_product, _catalog) = (started[0], started[1]);
    }

    [Fact]
    public async Task After_a_scenario_metrics_holds_every_metric_of_the_table_with_its_value()
    {
        using var products = Client(_product, Scopes.ProductsWrite, Scopes.ProductsDecommission, Scopes.ProductsPurge, Scopes.Admin);
        using var catalog = Client(_catalog, Scopes.Admin);

        var a = await CreateAsync(products, catalog);
        var b = await CreateAsync(products, catalog);
        var c = await CreateAsync(products, catalog);

        Assert.Equal(HttpStatusCode.Accepted, (await products.PostAsync($"/products/{a}/decommission", null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await products.PostAsync($"/products/{a}/decommission", null, Cancel)).StatusCode); // idempotent
        Assert.Equal(HttpStatusCode.Accepted, (await products.PostAsync($"/products/{b}/decommission", null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await products.PostAsync($"/products/{b}/restore", null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await products.PostAsync($"/products/{c}/restore", null, Cancel)).StatusCode); // never decommissioned
        Assert.Equal(HttpStatusCode.NotFound, (await products.PostAsync($"/products/{Guid.NewGuid()}/restore", null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await products.PostAsync($"/products/{a}/purge", null, Cancel)).StatusCode); // retention, ghost

        // Six product events reach Catalog (3 created, 2 decommissioned, 1 restored); Catalog confirms A and B;
        // A stays in its DELETING step, unconfirmed by the ghost, until it is stuck. Each scrape waits for
        // the last of these to land; the values are then checked exactly.
        var stuckSince = Stopwatch.StartNew();
        var productMetrics = await Eventually.MatchAsync(
            () => ScrapeAsync(products),
            m => m.Find("pco_deletion_stuck").Sum(s => s.Value) == 1
                && m.Find("pco_deletion_awaiting_confirmation", ("consumer", "catalog")).Sum(s => s.Value) == 0
                && m.Find("messaging_masstransit_consume_ea_total").Sum(s => s.Value) >= 2
                && m.Find("pco_outbox_published_total").Sum(s => s.Value) >= 6,
            "A's decommission is stuck, unconfirmed by the ghost consumer, and Catalog's confirmations are in",
            timeout: TimeSpan.FromSeconds(60)); // a deadline on a loaded machine, not a measurement
        var catalogMetrics = await Eventually.MatchAsync(
            () => ScrapeAsync(catalog),
            m => m.Find("pco_replica_events_total").Sum(s => s.Value) >= 6 && m.Find("messaging_masstransit_send_ea_total").Sum(s => s.Value) >= 2,
            "Catalog applied six product events and sent two confirmations",
            timeout: TimeSpan.FromSeconds(60));

        // Deletion requests, successes and failures per kind, in this service.
        (string, string)[] product = [("service", "product")];
        Assert.Equal(3, productMetrics.Sum("pco_deletion_requests_total", [.. product, ("deletion_kind", DeletionKinds.Decommission)]));
        Assert.Equal(3, productMetrics.Sum("pco_deletion_successes_total", [.. product, ("deletion_kind", DeletionKinds.Decommission)]));
        Assert.Empty(productMetrics.Find("pco_deletion_failures_total", ("deletion_kind", DeletionKinds.Decommission)));
        Assert.Equal(3, productMetrics.Sum("pco_deletion_requests_total", ("deletion_kind", DeletionKinds.Restore)));
        Assert.Equal(1, productMetrics.Sum("pco_deletion_successes_total", ("deletion_kind", DeletionKinds.Restore)));
        Assert.Equal(1, productMetrics.Sum("pco_deletion_failures_total", ("deletion_kind", DeletionKinds.Restore), ("reason", FailureReasons.Refused)));
        Assert.Equal(1, productMetrics.Sum("pco_deletion_failures_total", ("deletion_kind", DeletionKinds.Restore), ("reason", FailureReasons.NotFound)));
        Assert.Equal(1, productMetrics.Sum("pco_deletion_requests_total", ("deletion_kind", DeletionKinds.Purge)));
        Assert.Empty(productMetrics.Find("pco_deletion_successes_total", ("deletion_kind", DeletionKinds.Purge)));
        Assert.Equal(1, productMetrics.Sum("pco_deletion_failures_total", ("deletion_kind", DeletionKinds.Purge), ("reason", FailureReasons.Refused)));

        // The DELETING step: A alone (B was restored), stuck for at least StuckAfter, awaited by the ghost only.
        Assert.Equal(1, productMetrics.Sum("pco_deletion_in_progress", product));
        Assert.Equal(1, productMetrics.Sum("pco_deletion_awaiting_confirmation", ("consumer", "ghost")));
        var oldest = productMetrics.Sum("pco_deletion_stuck_oldest_age_seconds", product);
        Assert.InRange(oldest, StuckAfter.TotalSeconds, StuckAfter.TotalSeconds + stuckSince.Elapsed.TotalSeconds + 30);

        // The outbox: all six events confirmed, nothing waiting, nothing parked.
        Assert.Equal(6, productMetrics.Sum("pco_outbox_published_total"));
        Assert.Equal(6, productMetrics.Sum("pco_outbox_dispatch_delay_seconds_count"));
        Assert.Equal(0, productMetrics.Sum("pco_outbox_backlog", product));
        Assert.Equal(0, productMetrics.Sum("pco_outbox_parked", product));
        Assert.Equal(0, productMetrics.Sum("pco_outbox_oldest_unpublished_age_seconds", product));

        // Consumer lag: every applied event has its propagation lag, in seconds.
        Assert.Equal(6, catalogMetrics.Sum("pco_replica_events_total"));
        Assert.Equal(3, catalogMetrics.Sum("pco_replica_events_total", ("event", "ProductCreated"), ("change", "Inserted")));
        Assert.Equal(6, catalogMetrics.Sum("pco_replica_propagation_lag_seconds_count"));
        Assert.InRange(catalogMetrics.Sum("pco_replica_propagation_lag_seconds_sum"), 0, 60);

        // MassTransit's own meter, named its way (unit "ea", durations in ms): ProductService consumed
        // Catalog's two confirmations, Catalog the six events.
        Assert.Equal(2, productMetrics.Sum("messaging_masstransit_consume_ea_total", ("messaging_masstransit_message_type", "ProductDecommissionConfirmed")));
        Assert.Equal(6, catalogMetrics.Sum("messaging_masstransit_consume_ea_total"));
        Assert.Equal(2, catalogMetrics.Sum("messaging_masstransit_send_ea_total"));

        foreach (var scrape in new[] { productMetrics, catalogMetrics })
        {
            AssertConventions(scrape);
            await PromtoolAsync(scrape);
        }
    }

    /// <summary>The project's own families as Prometheus shows them: <c>pco_</c>, snake case, counters in <c>_total</c>, durations in seconds.</summary>
    private static void AssertConventions(PrometheusText scrape)
    {
        var families = scrape.Types.Where(t => t.Key.StartsWith("pco_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(families);
        foreach (var (family, type) in families)
        {
            Assert.Matches(PrometheusName(), family);
            Assert.DoesNotContain("millisecond", family);
            Assert.Equal(type == "counter", family.EndsWith("_total", StringComparison.Ordinal));
            if (family.Contains("age", StringComparison.Ordinal) || family.Contains("lag", StringComparison.Ordinal) || family.Contains("delay", StringComparison.Ordinal))
            {
                Assert.EndsWith("_seconds", family);
            }
        }
    }

    /// <summary>
    /// <c>promtool check metrics</c> on the project's own families (the runtime's and MassTransit's are
    /// theirs to name). eng/prereqs.sh installs promtool; where it could not, this part is skipped.
    /// </summary>
    private static async Task PromtoolAsync(PrometheusText scrape)
    {
        var promtool = new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists);
        if (promtool is null)
        {
            Assert.Skip("promtool is not installed (eng/prereqs.sh installs it with Debian's prometheus package); the names were still checked against the conventions.");
        }

        var start = new ProcessStartInfo(promtool, ["check", "metrics"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(scrape.FamiliesStartingWith("pco_"));
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync(Cancel) + await process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        Assert.True(process.ExitCode == 0 && output.Trim().Length == 0, $"promtool check metrics (exit {process.ExitCode}):\n{output}");
    }

    private static async Task<Guid> CreateAsync(HttpClient products, HttpClient catalog)
    {
        using var created = await products.PostAsJsonAsync("/products", new { sku = Api.NewSku("MET"), name = "Metered", price = 2.5m }, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<Created>(Cancel))!.Id;
        await Eventually.MatchAsync(() => catalog.GetAsync($"/product-replicas/{id}", Cancel), r => r.StatusCode == HttpStatusCode.OK, $"Catalog caches {id}");
        return id;
    }

    private static async Task<PrometheusText> ScrapeAsync(HttpClient client) => PrometheusText.Parse(await client.GetStringAsync("/metrics", Cancel));

    private HttpClient Client(ServiceProcess service, params string[] scopes)
    {
        var client = new HttpClient { BaseAddress = service.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", _tokens.Mint("metrics-test", scopes));
        return client;
    }

    private ServiceProcessOptions Options(string service, int port, string prefix, Dictionary<string, string?> settings)
    {
        var environment = new Dictionary<string, string?>(
            _tokens.ServiceSettings().Select(s => KeyValuePair.Create(s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value)))
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__messaging"] = broker.Uri.ToString(),
            ["Messaging__EntityPrefix"] = prefix,
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return new ServiceProcessOptions
        {
            Name = service,
            AssemblyPath = ServiceBuildOutput.AssemblyPath(service),
            Port = port,
            LogFile = Path.Combine(_data, $"{service}.log"),
            Environment = environment,
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in new[] { _product, _catalog })
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex("^pco_[a-z0-9_]+$")]
    private static partial Regex PrometheusName();

    private sealed record Created(Guid Id);
}
