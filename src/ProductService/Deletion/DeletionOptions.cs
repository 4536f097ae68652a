namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>The deletion lifecycle's settings, bound from the <c>Deletion</c> configuration section.</summary>
public sealed class DeletionOptions
{
    public const string Section = "Deletion";

    /// <summary>
    /// The consumers whose confirmation completes a decommission: their service names, comma-separated
    /// (a plain string, so one setting or environment variable replaces the whole list).
    /// </summary>
    public string Consumers { get; set; } = "catalog,order";

    public IReadOnlyList<string> ConsumerNames => Split(Consumers);

    /// <summary>How long after decommission a product can still be restored.</summary>
    public TimeSpan RestorationWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long after decommission the data must be kept before a purge.</summary>
    public TimeSpan RetentionPeriod { get; set; } = TimeSpan.FromDays(90);

    /// <summary>A decommission still unconfirmed after this long is listed as stuck.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromHours(1);

    internal static IReadOnlyList<string> Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
