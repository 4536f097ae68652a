using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>A service's local copies of products, kept current by product events.</summary>
public interface IProductReplicaStore
{
    Task<ReplicaChange> ApplyAsync(IProductEvent productEvent, CancellationToken cancellationToken);

    Task<ProductReplica?> FindAsync(Guid productId, CancellationToken cancellationToken);
}
