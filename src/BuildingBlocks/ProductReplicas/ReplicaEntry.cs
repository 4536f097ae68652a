using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>What a replica holds about a product, without its descriptive data: enough to compare it with the source.</summary>
public sealed record ReplicaEntry(Guid ProductId, string Sku, ProductStatus Status, long Version);
