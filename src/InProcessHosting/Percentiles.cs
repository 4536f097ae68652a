namespace ProductCatalogOrders.InProcessHosting;

/// <summary>The one percentile rule the benchmark and the strategy lab report with: nearest rank.</summary>
public static class Percentiles
{
    /// <summary>The nearest-rank percentile of samples already in ascending order; there must be at least one.</summary>
    public static double Rank(IReadOnlyList<double> sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Nearest-rank percentile, rounded to hundredths; null for no samples.</summary>
    public static double? Of(IReadOnlyCollection<double> samples, double percentile) =>
        samples.Count == 0 ? null : Math.Round(Rank(samples.Order().ToArray(), percentile), 2);

    /// <summary>The share of successes; 1 when nothing was attempted.</summary>
    public static double Share(int successes, int attempts) => attempts == 0 ? 1 : Math.Round((double)successes / attempts, 4);
}
