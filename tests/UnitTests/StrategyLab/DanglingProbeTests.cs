using ProductCatalogOrders.StrategyLab;

namespace ProductCatalogOrders.UnitTests.StrategyLab;

public sealed class DanglingProbeTests
{
    // What one in-process host exports: its own gauges and, through the shared process, the other consumer's.
    private const string Scrape = """
        # HELP pco_dangling_resources Resources whose product ProductService does not know, as the last reconciliation found them.
        # TYPE pco_dangling_resources gauge
        pco_dangling_resources{otel_scope_name="ProductCatalogOrders.Reconciliation",resource_type="product_replica",service="catalog"} 4
        pco_dangling_resources{otel_scope_name="ProductCatalogOrders.Reconciliation",resource_type="catalog_item",service="catalog"} 4
        pco_dangling_resources{otel_scope_name="ProductCatalogOrders.Reconciliation",resource_type="product_replica",service="order"} 9
        # TYPE pco_dangling_oldest_age_seconds gauge
        pco_dangling_oldest_age_seconds{otel_scope_name="ProductCatalogOrders.Reconciliation",resource_type="product_replica",service="catalog"} 0.0213
        pco_dangling_oldest_age_seconds{otel_scope_name="ProductCatalogOrders.Reconciliation",resource_type="catalog_item",service="catalog"} 0.0213
        # TYPE pco_dangling_ratio gauge
        pco_dangling_ratio{otel_scope_name="ProductCatalogOrders.Reconciliation",resource_type="product_replica",service="catalog"} 0.25
        pco_dangling_ratio{otel_scope_name="ProductCatalogOrders.Reconciliation",resource_type="catalog_item",service="catalog"} 0.3333333333333333
        http_server_request_duration_seconds_bucket{http_route="/reconciliation",le="0.005"} 0
        http_server_request_duration_seconds_count{http_route="/reconciliation"} 1
        """;

    [Fact]
    public void Reads_the_services_own_gauges_per_resource_type()
    {
        var figures = DanglingProbe.Read(Scrape, "catalog", ["product_replica", "catalog_item"]);

        Assert.Equal(
            [new DanglingFigure("catalog", "product_replica", 4, 0.0213, 0.25), new DanglingFigure("catalog", "catalog_item", 4, 0.0213, 1.0 / 3)],
            figures);
    }

    [Fact]
    public void A_missing_gauge_fails_instead_of_reading_zero()
    {
        // Order exports a count but neither age nor ratio, and no order_line series at all.
        var missing = Assert.Throws<InvalidOperationException>(() => DanglingProbe.Read(Scrape, "order", ["product_replica", "order_line"]));

        Assert.Contains("pco_dangling_oldest_age_seconds{service=\"order\",resource_type=\"product_replica\"}", missing.Message);
        Assert.Contains("pco_dangling_resources{service=\"order\",resource_type=\"order_line\"}", missing.Message);
    }

    [Fact]
    public void A_series_exported_twice_fails_instead_of_picking_one()
    {
        var twice = Scrape + "\npco_dangling_ratio{otel_scope_name=\"ProductCatalogOrders.Reconciliation\",resource_type=\"catalog_item\",service=\"catalog\"} 0\n";

        var duplicate = Assert.Throws<InvalidOperationException>(() => DanglingProbe.Read(twice, "catalog", ["product_replica", "catalog_item"]));

        Assert.Contains("pco_dangling_ratio{resource_type=\"catalog_item\"} twice", duplicate.Message);
    }

    [Fact]
    public void The_excerpt_keeps_the_services_dangling_and_reconciliation_lines_without_buckets()
    {
        var excerpt = DanglingProbe.Excerpt(Scrape, "catalog").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(11, excerpt.Length);
        Assert.DoesNotContain(excerpt, l => l.Contains("service=\"order\"", StringComparison.Ordinal) || l.Contains("_bucket", StringComparison.Ordinal));
        Assert.Contains("http_server_request_duration_seconds_count{http_route=\"/reconciliation\"} 1", excerpt);
    }
}
