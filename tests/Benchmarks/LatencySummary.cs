using ProductCatalogOrders.InProcessHosting;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>Percentiles of a set of latencies, by the same nearest-rank rule as the strategy lab.</summary>
public sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max)
{
    public static LatencySummary Of(IReadOnlyCollection<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(
            sorted.Length, Percentiles.Rank(sorted, 0.50), Percentiles.Rank(sorted, 0.90), Percentiles.Rank(sorted, 0.99), sorted[^1]);
    }

    public string Row(string name) => $"| {name} | {Count} | {P50:0.00} | {P90:0.00} | {P99:0.00} | {Max:0.00} |";
}
