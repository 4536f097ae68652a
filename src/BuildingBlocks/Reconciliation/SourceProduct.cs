using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>A product as ProductService's snapshot (<c>GET /products</c>) shows it.</summary>
public sealed record SourceProduct(Guid Id, string Sku, string Name, decimal Price, ProductStatus Status, long Version, DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// The product as a replica write, through the same version gate as every event. A purge takes the
    /// status only where the service keeps its copy's data for shallow references.
    /// </summary>
    public ReplicaWrite ToWrite(bool keepCopyOnPurge) => new(
        new ProductUpdated(Id, Version, UpdatedAt, new ProductState(Sku, Name, Price, Status)),
        StatusOnly: keepCopyOnPurge && Status == ProductStatus.Purged);
}
