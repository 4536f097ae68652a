using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace ProductCatalogOrders.StrategyLab;

/// <summary>The lab's three outputs: a Markdown table, report.json and a self-contained report.html.</summary>
public static class LabReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>One trade-off per chart: what it measures, how to read it, and each strategy's value.</summary>
    private static readonly (string Title, string Reading, string Unit, Func<StrategyResult, double?> Value)[] Charts =
    [
        ("Orphaned references", "Order lines and catalog items whose product ProductService no longer returns. Lower is better; anything above 0 is broken data.", "", r => r.OrphanedReferences),
        ("Refused or failed removals", "Removal calls that did not succeed. The price of asking dependents first.", "", r => r.RefusedRemovals),
        ("Removal latency, p50", "How long the removal call took, typical case.", "ms", r => r.RemovalLatencyP50Ms),
        ("Removal latency, p99", "How long the removal call took, worst case.", "ms", r => r.RemovalLatencyP99Ms),
        ("Order availability", "Share of order calls answered (any status below 500) while products were being removed.", "%", r => r.OrderAvailability * 100),
        ("Order availability during the ProductService outage", "Share of order calls answered while ProductService was stopped. Higher is better.", "%", r => r.OrderAvailabilityDuringOutage * 100),
        ("Catalog availability during the ProductService outage", "Share of catalog reads answered while ProductService was stopped.", "%", r => r.CatalogAvailabilityDuringOutage * 100),
        ("Order latency, p50", "How long placing an order took, typical case.", "ms", r => r.OrderLatencyP50Ms),
        ("Order latency, p99", "How long placing an order took, worst case.", "ms", r => r.OrderLatencyP99Ms),
        ("Propagation lag to both caches, idle, p50", "From the removal call to both Catalog and Order caches updated, one removal at a time (AsynchronousUpdate only).", "ms", r => r.PropagationLagP50Ms),
        ("Propagation lag to both caches, idle, p99", "The same, worst case.", "ms", r => r.PropagationLagP99Ms),
        ("Propagation lag to both caches under load, p50", "The same with decommissions offered at a sustained rate (open loop, counted from each call's scheduled moment): the window the strategy really costs.", "ms", r => r.PropagationLagUnderLoadP50Ms),
        ("Propagation lag to both caches under load, p99", "The same, worst case.", "ms", r => r.PropagationLagUnderLoadP99Ms),
        ("Orders accepted after removal", "Orders for a product placed after its removal returned: the consistency window.", "", r => r.OrdersAcceptedAfterRemoval),
        ("Dangling catalog items after reconciliation", "pco_dangling_resources{service=\"catalog\",resource_type=\"catalog_item\"} once Catalog's reconciliation has run: items whose product ProductService does not know.", "", r => r.Dangling(Catalog, CatalogItem).Count),
        ("Dangling order lines after reconciliation", "pco_dangling_resources{service=\"order\",resource_type=\"order_line\"} once Order's reconciliation has run.", "", r => r.Dangling(Order, OrderLine).Count),
        ("Dangling cached copies after reconciliation", "pco_dangling_resources{resource_type=\"product_replica\"}, Catalog and Order together: copies of products ProductService does not know.", "", r => r.Dangling(Catalog, Replica).Count + r.Dangling(Order, Replica).Count),
    ];

    private const string Catalog = "catalog", Order = "order", Replica = "product_replica", CatalogItem = "catalog_item", OrderLine = "order_line";

    public static string Markdown(LabReport report)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"| strategy | orphaned refs | refused removals | removal p50/p99 ms | order availability | during outage | order p50/p99 ms | catalog during outage | propagation idle p50/p99 ms | propagation at {report.Parameters.LoadPerSecond:0.#}/s p50/p99 ms | orders after removal | dangling Catalog copies / items (ratio) | dangling Order copies / lines (ratio) |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in report.Strategies)
        {
            table.AppendLine(
                $"| {r.Name} | {r.OrphanedReferences} | {r.RefusedRemovals} | {Ms(r.RemovalLatencyP50Ms)} / {Ms(r.RemovalLatencyP99Ms)} | {r.OrderAvailability:P0} | " +
                $"{r.OrderAvailabilityDuringOutage:P0} | {Ms(r.OrderLatencyP50Ms)} / {Ms(r.OrderLatencyP99Ms)} | {r.CatalogAvailabilityDuringOutage:P0} | " +
                $"{Ms(r.PropagationLagP50Ms)} / {Ms(r.PropagationLagP99Ms)} | {Ms(r.PropagationLagUnderLoadP50Ms)} / {Ms(r.PropagationLagUnderLoadP99Ms)} | {r.OrdersAcceptedAfterRemoval} | " +
                $"{Pair(r.Dangling(Catalog, Replica), r.Dangling(Catalog, CatalogItem))} | {Pair(r.Dangling(Order, Replica), r.Dangling(Order, OrderLine))} |");
        }

        table.AppendLine();
        table.AppendLine("Dangling resources after each strategy's scenario, as `POST /reconciliation` left them in `/metrics` (`pco_dangling_resources`, `pco_dangling_oldest_age_seconds`, `pco_dangling_ratio`), with the report's findings:");
        table.AppendLine();
        table.AppendLine("| strategy | service | resource type | dangling | oldest age s | ratio | report: dangling / stale / ahead / missing | source / cached products |");
        table.AppendLine("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var r in report.Strategies)
        {
            foreach (var service in r.Reconciliation)
            {
                foreach (var d in service.Dangling)
                {
                    table.AppendLine(CultureInfo.InvariantCulture,
                        $"| {r.Name} | {service.Service} | {d.ResourceType} | {d.Count:0} | {d.OldestAgeSeconds:0.0} | {d.Ratio:0.###} | " +
                        $"{service.DanglingFindings} / {service.StaleFindings} / {service.AheadFindings} / {service.MissingFindings} | {service.SourceProducts} / {service.CachedProducts} |");
                }
            }
        }

        table.Append(CultureInfo.InvariantCulture,
            $"\n{report.Parameters.Products} products, {report.Parameters.SeedOrders} seed orders, {report.Parameters.Removals} removals, " +
            $"{report.Parameters.OutageSeconds:0} s ProductService outage, decommissions offered at {report.Parameters.LoadPerSecond:0.#}/s for {report.Parameters.LoadSeconds:0} s for the lag under load; {report.Machine.Cores} cores, {report.Machine.Os}, {report.Machine.Runtime}.");
        return table.ToString();
    }

    public static async Task<IReadOnlyList<string>> WriteAsync(LabReport report, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, "report.json");
        var html = Path.Combine(directory, "report.html");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, Json), cancellationToken);
        await File.WriteAllTextAsync(html, Html(report), cancellationToken);
        return [json, html];
    }

    /// <summary>Writes one strategy's raw <c>/metrics</c> excerpt to <c>{directory}/{strategy}.metrics.txt</c>.</summary>
    public static async Task<string> WriteMetricsExcerptAsync(string directory, string strategy, string excerpt, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{strategy}.metrics.txt");
        await File.WriteAllTextAsync(file, excerpt, cancellationToken);
        return file;
    }

    public static string Html(LabReport report)
    {
        var page = new StringBuilder();
        page.Append("""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Delete strategies compared</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; }
            h1 { font-size: 1.6rem; } h2 { font-size: 1.1rem; margin: 2rem 0 .2rem; } p.reading { margin: 0 0 .5rem; color: #555; }
            table { border-collapse: collapse; font-size: .85rem; } td, th { border: 1px solid #ccc; padding: .3rem .5rem; text-align: right; }
            th:first-child, td:first-child { text-align: left; } .meta { color: #555; font-size: .9rem; }
            </style></head><body>
            <h1>Four ways to delete a product, measured</h1>
            <p>Each strategy ran the same scenario on the real services, broker and databases: products were removed while orders kept
            coming, then ProductService was stopped while orders and catalog reads continued. <b>JustDelete</b> removes the row;
            <b>SynchronousCoordination</b> asks Catalog and Order first; <b>JustDontDelete</b> decommissions and lets the others ask
            ProductService on every request; <b>AsynchronousUpdate</b> decommissions and updates the others' local copies by events.</p>
            """);
        page.Append(CultureInfo.InvariantCulture,
            $"<p class=\"meta\">{report.Parameters.Products} products, {report.Parameters.SeedOrders} seed orders, {report.Parameters.Removals} removals, " +
            $"{report.Parameters.OutageSeconds:0} s outage, decommissions offered at {report.Parameters.LoadPerSecond:0.#}/s for {report.Parameters.LoadSeconds:0} s for the lag under load. {report.Machine.Cores} cores, {Encode(report.Machine.Os)}, {Encode(report.Machine.Runtime)}, " +
            $"broker {Encode(report.Machine.Broker)}. Generated {report.GeneratedAt:u} in {report.DurationSeconds:0} s.</p>");
        foreach (var (title, reading, unit, value) in Charts)
        {
            page.Append(CultureInfo.InvariantCulture, $"<h2>{Encode(title)}</h2><p class=\"reading\">{Encode(reading)}</p>");
            page.Append(BarChart(report.Strategies.Select(r => (r.Name, value(r))).ToList(), unit));
        }

        page.Append("<h2>All figures</h2><table><tr><th>strategy</th>");
        foreach (var (title, _, unit, _) in Charts)
        {
            page.Append(CultureInfo.InvariantCulture, $"<th>{Encode(title)}{(unit.Length > 0 ? $" ({unit})" : "")}</th>");
        }

        page.Append("</tr>");
        foreach (var result in report.Strategies)
        {
            page.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(result.Name)}</td>");
            foreach (var (_, _, _, value) in Charts)
            {
                page.Append(CultureInfo.InvariantCulture, $"<td>{Format(value(result))}</td>");
            }

            page.Append("</tr>");
        }

        page.Append("</table></body></html>\n");
        return page.ToString();
    }

    /// <summary>A horizontal bar chart as inline SVG: no script, no external resource.</summary>
    private static string BarChart(IReadOnlyList<(string Label, double? Value)> bars, string unit)
    {
        const int labelWidth = 190, barArea = 420, rowHeight = 28;
        var max = bars.Max(b => b.Value ?? 0);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{labelWidth + barArea + 110}\" height=\"{bars.Count * rowHeight + 6}\" role=\"img\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = i * rowHeight + 4;
            var width = value is > 0 && max > 0 ? Math.Max(2, value.Value / max * barArea) : 0;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 17}\" font-size=\"13\">{Encode(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{width:0.#}\" height=\"20\" fill=\"#3b6ea8\"/>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{labelWidth + width + 6:0.#}\" y=\"{y + 15}\" font-size=\"12\">{(value is null ? "n/a" : Format(value) + (unit.Length > 0 ? " " + unit : ""))}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Pair(DanglingFigure copies, DanglingFigure references) =>
        string.Create(CultureInfo.InvariantCulture, $"{copies.Count:0} / {references.Count:0} ({copies.Ratio:0.###} / {references.Ratio:0.###})");

    private static string Ms(double? value) => value is null ? "n/a" : value.Value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Format(double? value) => value is null ? "n/a" : value.Value.ToString(value % 1 == 0 ? "0" : "0.0", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
