using System.Diagnostics.Metrics;

namespace ProductCatalogOrders.BuildingBlocks.Telemetry;

/// <summary>
/// Histogram buckets for latencies in seconds, as OpenTelemetry's conventions record them: from
/// 1 ms, where an idle pipeline sits, to 120 s, so a backlog under load still shows its real size
/// instead of piling into the last bucket.
/// </summary>
public static class LatencyBuckets
{
    public static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries =
        [
            0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30, 60, 120,
        ],
    };
}
