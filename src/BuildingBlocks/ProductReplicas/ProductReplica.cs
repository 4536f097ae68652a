using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>
/// A service's local copy of a product, fed only by product events. It is never deleted on
/// decommission: the row stays as a tombstone with its status, so references keep resolving.
/// </summary>
public sealed class ProductReplica
{
    public Guid ProductId { get; set; }

    public required string Sku { get; set; }

    public required string Name { get; set; }

    public decimal Price { get; set; }

    public ProductStatus Status { get; set; }

    /// <summary>The version of the newest event applied; older or equal versions are ignored.</summary>
    public long Version { get; set; }

    /// <summary>When ProductService made the change this copy reflects.</summary>
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>When this service applied it; with <see cref="ChangedAt"/>, the propagation lag.</summary>
    public DateTimeOffset AppliedAt { get; set; }
}
