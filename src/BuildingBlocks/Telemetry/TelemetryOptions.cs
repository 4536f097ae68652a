namespace ProductCatalogOrders.BuildingBlocks.Telemetry;

/// <summary>The <c>Telemetry</c> section.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>How long a gauge read from the store (outbox backlog, stuck deletions) is reused before the store is asked again.</summary>
    public TimeSpan StoreGaugeMaxAge { get; set; } = TimeSpan.FromSeconds(5);
}
