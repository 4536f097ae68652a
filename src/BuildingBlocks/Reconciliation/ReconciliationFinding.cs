using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>
/// One divergence between this service's copy of a product and ProductService, as the report keeps it
/// across runs: <see cref="FirstSeenAt"/> survives every run that sees it again, and the finding is
/// removed by the first run that no longer sees it. Nothing is ever deleted because of a finding.
/// </summary>
public sealed class ReconciliationFinding
{
    public Guid ProductId { get; set; }

    public FindingKind Kind { get; set; }

    /// <summary>From the copy, else from the source; empty when neither knows it (a record referencing nothing).</summary>
    public string Sku { get; set; } = "";

    public long? CacheVersion { get; set; }

    public long? SourceVersion { get; set; }

    public ProductStatus? CacheStatus { get; set; }

    public ProductStatus? SourceStatus { get; set; }

    /// <summary>How many local records (catalog items, order lines) reference the product.</summary>
    public int References { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }
}
