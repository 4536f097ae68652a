namespace ProductCatalogOrders.Benchmarks;

/// <summary>Percentiles of a set of latencies, nearest-rank.</summary>
public sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max)
{
    public static LatencySummary Of(IReadOnlyCollection<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, Rank(0.50), Rank(0.90), Rank(0.99), sorted[^1]);
    }

    public string Row(string name) => $"| {name} | {Count} | {P50:0.00} | {P90:0.00} | {P99:0.00} | {Max:0.00} |";
}
