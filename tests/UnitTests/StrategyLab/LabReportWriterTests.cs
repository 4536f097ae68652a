using System.Text.Json;
using ProductCatalogOrders.StrategyLab;

namespace ProductCatalogOrders.UnitTests.StrategyLab;

public sealed class LabReportWriterTests
{
    private static readonly LabReport Report = new(
        new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero),
        new LabReportParameters(true, 12, 24, 4, 4, 200, 3),
        new LabMachine(2, "Debian GNU/Linux 12", ".NET 10.0", "127.0.0.1:5672"),
        [
            new StrategyResult("JustDelete", 10, 0, 3.3, 15.3, 1, 0, 6.4, 17.7, 0, null, null, 0, null, null, null, Reconciled(4, 4, 0.25, 6, 0.125)),
            new StrategyResult("AsynchronousUpdate", 0, 0, 3.8, 30.8, 1, 1, 2.6, 155.9, 1, 12.1, 34.3, 0, 200, 41.5, 180.2, Reconciled(0, 0, 0, 0, 0)),
        ],
        26);

    /// <summary>Catalog and Order after a reconciliation: <paramref name="copies"/> dangling copies in each, their items and lines.</summary>
    private static IReadOnlyList<ServiceReconciliation> Reconciled(int copies, int items, double itemRatio, int lines, double lineRatio) =>
    [
        new("catalog", 12, 16, copies, 0, 0, 0, 0.05,
            [new("catalog", "product_replica", copies, copies > 0 ? 7.5 : 0, copies / 16.0), new("catalog", "catalog_item", items, items > 0 ? 7.5 : 0, itemRatio)]),
        new("order", 12, 16, copies, 0, 0, 0, 0.04,
            [new("order", "product_replica", copies, copies > 0 ? 7.4 : 0, copies / 16.0), new("order", "order_line", lines, lines > 0 ? 7.4 : 0, lineRatio)]),
    ];

    [Fact]
    public async Task Json_report_holds_every_contracted_field_for_every_strategy()
    {
        var folder = Directory.CreateTempSubdirectory("pco-lab-report").FullName;

        await LabReportWriter.WriteAsync(Report, folder, TestContext.Current.CancellationToken);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "report.json"), TestContext.Current.CancellationToken));
        var strategies = json.RootElement.GetProperty("strategies").EnumerateArray().ToList();
        Assert.Equal(["JustDelete", "AsynchronousUpdate"], strategies.Select(s => s.GetProperty("name").GetString()));
        string[] fields =
        [
            "name", "orphanedReferences", "refusedRemovals", "removalLatencyP50Ms", "removalLatencyP99Ms", "orderAvailability",
            "orderAvailabilityDuringOutage", "orderLatencyP50Ms", "orderLatencyP99Ms", "catalogAvailabilityDuringOutage",
            "propagationLagP50Ms", "propagationLagP99Ms", "ordersAcceptedAfterRemoval",
            "propagationUnderLoadPerSecond", "propagationLagUnderLoadP50Ms", "propagationLagUnderLoadP99Ms", "reconciliation",
        ];
        Assert.All(strategies, s => Assert.All(fields, f => Assert.True(s.TryGetProperty(f, out _), f)));
        Assert.Equal(10, strategies[0].GetProperty("orphanedReferences").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("machine").GetProperty("cores").GetInt32());
        Assert.Equal(4, json.RootElement.GetProperty("parameters").GetProperty("removals").GetInt32());
        Assert.Equal(200, json.RootElement.GetProperty("parameters").GetProperty("loadPerSecond").GetDouble());
        Assert.Equal(180.2, strategies[1].GetProperty("propagationLagUnderLoadP99Ms").GetDouble());
        var orderLines = strategies[0].GetProperty("reconciliation")[1].GetProperty("dangling")[1];
        Assert.Equal(("order", "order_line", 6, 7.4, 0.125), (orderLines.GetProperty("service").GetString(), orderLines.GetProperty("resourceType").GetString(),
            orderLines.GetProperty("count").GetInt32(), orderLines.GetProperty("oldestAgeSeconds").GetDouble(), orderLines.GetProperty("ratio").GetDouble()));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Html_report_is_self_contained_with_one_chart_per_trade_off()
    {
        var html = LabReportWriter.Html(Report);

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://cdn", html);
        Assert.DoesNotContain("https://", html);
        Assert.Equal(17, html.Split("<svg").Length - 1);
        Assert.Contains("Dangling order lines after reconciliation", html);
        Assert.Contains("Orphaned references", html);
        Assert.Contains("n/a", html); // JustDelete has no propagation lag
    }

    [Fact]
    public void Markdown_table_has_a_row_per_strategy()
    {
        var table = LabReportWriter.Markdown(Report);

        Assert.Contains("| JustDelete | 10 | 0 | 3.3 / 15.3 |", table);
        Assert.Contains("| AsynchronousUpdate | 0 | 0 |", table);
        Assert.Contains("| propagation idle p50/p99 ms | propagation at 200/s p50/p99 ms |", table);
        Assert.Contains("| 12.1 / 34.3 | 41.5 / 180.2 | 0 | 0 / 0 (0 / 0) | 0 / 0 (0 / 0) |", table);
        Assert.Contains("| n/a / n/a | 0 | 4 / 4 (0.25 / 0.25) | 4 / 6 (0.25 / 0.125) |", table);
        Assert.Contains("| JustDelete | order | order_line | 6 | 7.4 | 0.125 | 4 / 0 / 0 / 0 | 12 / 16 |", table);
        Assert.Contains("| AsynchronousUpdate | catalog | product_replica | 0 | 0.0 | 0 | 0 / 0 / 0 / 0 | 12 / 16 |", table);
    }
}
