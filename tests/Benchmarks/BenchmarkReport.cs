using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>
/// The run as a Markdown table and as JSON. Every figure stands beside its ratio to the raw broker
/// of the same run: a rate to the raw two-queue fan-out rate (100 confirms in flight), a latency to
/// the raw round trip with one message in flight at the same percentile, CPU to the broker's CPU per
/// raw fan-out message, memory to the broker's resident memory.
/// </summary>
public sealed class BenchmarkReport(BenchmarkResult result)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public sealed record Row(string Measurement, string Value, string VersusRaw);

    public IReadOnlyList<Row> Rows()
    {
        var raw = result.Raw;
        var fanOut = raw.FanOut.PerSecond;
        var rtt = raw.RoundTrip;
        var brokerCpu = raw.FanOut.BrokerCpuMillisecondsPerMessage;
        var rows = new List<Row>
        {
            new("raw broker round trip, 1 in flight, p50 / p99 / p99.9 ms", $"{rtt.P50:0.00} / {rtt.P99:0.00} / {rtt.P999:0.00}", "1 (latency baseline)"),
        };
        foreach (var t in raw.Throughput)
        {
            rows.Add(new($"raw broker, {t.Queues} queue{(t.Queues > 1 ? "s (fan-out)" : "")}, {t.ConfirmsInFlight} in flight, msg/s", $"{t.PerSecond:0}", t == raw.FanOut ? "1 (rate baseline)" : Ratio(t.PerSecond, fanOut)));
        }

        rows.Add(new("raw broker CPU per fan-out message, ms", Number(brokerCpu, "0.000"), "1 (CPU baseline)"));
        rows.Add(Latency("sequential decommission -> both caches (fresh outbox: " + result.SequentialFreshOutbox.DispatchedOutboxRows + " rows)", result.SequentialFreshOutbox.BothCaches, rtt, withP999: false));
        foreach (var stage in result.FixedRates)
        {
            rows.AddRange(Stage(stage, fanOut, rtt, brokerCpu));
        }

        if (result.MaximumSustained is { } sustained)
        {
            var probes = string.Join(", ", sustained.Probes.Select(p => $"{p.OfferedPerSecond:0}{(p.KeptUp ? " kept up" : " fell behind")}"));
            rows.Add(new($"maximum sustained decommissions/s, both caches keeping up (probes: {(probes.Length == 0 ? "none" : probes)})", $"{sustained.PerSecond:0}", Ratio(sustained.PerSecond, fanOut)));
        }

        if (result.SequentialWithHistory is { } history)
        {
            rows.Add(Latency($"sequential decommission -> both caches ({history.DispatchedOutboxRows} published outbox rows kept)", history.BothCaches, rtt, withP999: false));
            rows.Add(new("history / fresh outbox, p50 / p99", $"{history.BothCaches.P50 / result.SequentialFreshOutbox.BothCaches.P50:0.00} / {history.BothCaches.P99 / result.SequentialFreshOutbox.BothCaches.P99:0.00}", "-"));
        }

        if (result.DecommissionToDecommissioned is { } completed)
        {
            rows.Add(Latency("sequential decommission -> Decommissioned (both confirmations recorded)", completed, rtt, withP999: false));
        }

        foreach (var orders in result.OrderPlacement)
        {
            rows.Add(Latency($"order placement at concurrency {orders.Concurrency}", orders.Latency, rtt, withP999: false));
            rows.Add(new($"orders/s at concurrency {orders.Concurrency}", $"{orders.PerSecond:0}", Ratio(orders.PerSecond, fanOut)));
        }

        result.ResidentBytesAtEnd.TryGetValue("broker (beam.smp)", out var brokerMemory);
        foreach (var (process, bytes) in result.ResidentBytesAtEnd)
        {
            rows.Add(new($"working set at the end, {process}, MiB", $"{bytes / 1048576.0:0}", brokerMemory > 0 ? Ratio(bytes, brokerMemory) : "n/a"));
        }

        return rows;
    }

    public string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Benchmark{(result.Quick ? " (--quick: a few seconds a stage, for smoke tests only)" : "")}, {result.StartedAt:yyyy-MM-dd HH:mm} UTC; {result.Machine}");
        text.AppendLine();
        text.AppendLine("| measurement | value | vs raw broker |");
        text.AppendLine("|---|---:|---:|");
        foreach (var row in Rows())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Measurement} | {row.Value} | {row.VersusRaw} |");
        }

        text.AppendLine();
        text.Append("Ratios: a rate to the raw 2-queue fan-out rate (100 confirms in flight); a latency to the raw 1-in-flight round trip at the same percentile; CPU to the broker's CPU per raw fan-out message; memory to the broker's resident memory.");
        return text.ToString();
    }

    public string Json() => JsonSerializer.Serialize(new { result, table = Rows() }, JsonOptions);

    private static IEnumerable<Row> Stage(RateStage stage, double fanOut, LatencySummary rtt, double? brokerCpu)
    {
        var at = $"@ {stage.OfferedPerSecond:0}/s offered for {stage.Seconds:0.#} s ({stage.Decommissions} decommissions)";
        yield return new($"{at}: achieved calls/s, propagated to both caches/s", $"{stage.AchievedPerSecond:0} / {stage.PropagatedPerSecond:0}", $"{Ratio(stage.AchievedPerSecond, fanOut)} / {Ratio(stage.PropagatedPerSecond, fanOut)}");
        if (stage.FailedCalls > 0 || stage.NotPropagated > 0)
        {
            yield return new($"{at}: failed calls, not in both caches within the stage", $"{stage.FailedCalls} / {stage.NotPropagated}", "-");
        }

        yield return Latency($"{at}: decommission call", stage.Call, rtt, withP999: false);
        yield return Latency($"{at}: decommission -> both caches", stage.BothCaches, rtt, withP999: true);
        yield return new($"{at}: outbox backlog when the calls were done (rows; ratio: seconds of raw fan-out), caught up {stage.SecondsToCatchUpAfterEnd:0.00} s after the load, kept up: {(stage.KeptUp ? "yes" : "no")}", $"{stage.OutboxBacklogAtEnd}", $"{stage.OutboxBacklogAtEnd / fanOut:0.000} s");
        var cpu = stage.CpuMillisecondsPerDecommission;
        yield return new(
            $"{at}: CPU ms per decommission, {string.Join(" / ", cpu.Keys)}",
            string.Join(" / ", cpu.Values.Select(v => Number(v, "0.00"))),
            string.Join(" / ", cpu.Values.Select(v => v is { } value && brokerCpu is { } baseline ? Ratio(value, baseline) : "n/a")));
        yield return new(
            $"{at}: working set MiB, {string.Join(" / ", stage.ResidentBytes.Keys)}",
            string.Join(" / ", stage.ResidentBytes.Values.Select(b => $"{b / 1048576.0:0}")),
            stage.ResidentBytes.TryGetValue("broker (beam.smp)", out var broker) ? string.Join(" / ", stage.ResidentBytes.Values.Select(b => Ratio(b, broker))) : "n/a");
    }

    private static Row Latency(string name, LatencySummary latency, LatencySummary rtt, bool withP999) => withP999
        ? new($"{name}, p50 / p99 / p99.9 ms (n={latency.Count})", $"{latency.P50:0.00} / {latency.P99:0.00} / {latency.P999:0.00}", $"{Ratio(latency.P50, rtt.P50)} / {Ratio(latency.P99, rtt.P99)} / {Ratio(latency.P999, rtt.P999)}")
        : new($"{name}, p50 / p99 ms (n={latency.Count})", $"{latency.P50:0.00} / {latency.P99:0.00}", $"{Ratio(latency.P50, rtt.P50)} / {Ratio(latency.P99, rtt.P99)}");

    /// <summary>Three significant figures or so: enough to compare runs, few enough to read.</summary>
    private static string Ratio(double value, double baseline)
    {
        if (baseline <= 0)
        {
            return "n/a";
        }

        var ratio = value / baseline;
        var format = Math.Abs(ratio) switch { >= 100 => "0", >= 10 => "0.0", >= 1 => "0.00", _ => "0.000#" };
        return "x" + ratio.ToString(format, CultureInfo.InvariantCulture);
    }

    private static string Number(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";
}
