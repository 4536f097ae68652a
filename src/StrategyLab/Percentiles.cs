namespace ProductCatalogOrders.StrategyLab;

public static class Percentiles
{
    /// <summary>Nearest-rank percentile; null for no samples.</summary>
    public static double? Of(IReadOnlyCollection<double> samples, double percentile)
    {
        if (samples.Count == 0)
        {
            return null;
        }

        var sorted = samples.Order().ToArray();
        return Math.Round(sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)], 2);
    }

    /// <summary>The share of successes; 1 when nothing was attempted.</summary>
    public static double Share(int successes, int attempts) => attempts == 0 ? 1 : Math.Round((double)successes / attempts, 4);
}
