using ProductCatalogOrders.BuildingBlocks.ProductReplicas;

namespace ProductCatalogOrders.BuildingBlocks.Strategies;

/// <summary>AsynchronousUpdate: the local copy, kept current by events. No call leaves the service.</summary>
public sealed class ReplicaProductLookup(IProductReplicaStore replicas) : IProductLookup
{
    public Task<ProductReplica?> FindAsync(Guid productId, CancellationToken cancellationToken) => replicas.FindAsync(productId, cancellationToken);
}
