using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>What one comparison of the cache with the source found about one product.</summary>
public sealed record Divergence(
    Guid ProductId, string Sku, FindingKind Kind, long? CacheVersion, long? SourceVersion, ProductStatus? CacheStatus, ProductStatus? SourceStatus, int References);
