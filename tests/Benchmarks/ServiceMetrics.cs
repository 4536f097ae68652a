using System.Globalization;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>
/// Reads a service's own counters from its Prometheus endpoint. Watching a stage drain this way
/// touches no database, so it cannot slow the writes being measured.
/// </summary>
public static class ServiceMetrics
{
    /// <summary>
    /// How many ProductDecommissioned events the service's replica has applied (not ignored as stale).
    /// Throws if the counter is missing, rather than reading it as zero.
    /// </summary>
    public static async Task<long> AppliedDecommissionsAsync(HttpClient service, CancellationToken cancellationToken)
    {
        var text = await service.GetStringAsync("/metrics", cancellationToken);
        long total = 0;
        var found = false;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("pco_replica_events_total{", StringComparison.Ordinal)
                && line.Contains("event=\"ProductDecommissioned\"", StringComparison.Ordinal)
                && !line.Contains("change=\"IgnoredStale\"", StringComparison.Ordinal))
            {
                var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
                total += (long)double.Parse(value, CultureInfo.InvariantCulture);
                found = true;
            }
        }

        if (!found && text.Contains("pco_replica_events_total", StringComparison.Ordinal) is false)
        {
            throw new InvalidOperationException($"{service.BaseAddress}metrics has no pco_replica_events_total counter.");
        }

        return total;
    }
}
