using ProductCatalogOrders.InProcessHosting;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>Percentiles of a set of latencies in milliseconds, by the one nearest-rank rule the benchmark and the lab share.</summary>
public sealed record LatencySummary(int Count, double P50, double P99, double P999, double Max)
{
    /// <summary>Throws on an empty set: a stage that measured nothing must say so, not report zeros.</summary>
    public static LatencySummary Of(IReadOnlyCollection<double> milliseconds, string what)
    {
        if (milliseconds.Count == 0)
        {
            throw new InvalidOperationException($"No samples for {what}: the measurement read nothing.");
        }

        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(
            sorted.Length,
            Math.Round(Percentiles.Rank(sorted, 0.50), 2),
            Math.Round(Percentiles.Rank(sorted, 0.99), 2),
            Math.Round(Percentiles.Rank(sorted, 0.999), 2),
            Math.Round(sorted[^1], 2));
    }
}
