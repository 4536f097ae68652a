using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>A service's local copies of products, kept current by product events.</summary>
public interface IProductReplicaStore
{
    /// <summary>Replaces the copy with the event's full state, if the event is newer.</summary>
    Task<ReplicaChange> ApplyAsync(IProductEvent productEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the event's status and version only, keeping the copy's SKU, name and price: for a
    /// consumer whose references are shallow snapshots that must survive a purge of the master data.
    /// </summary>
    Task<ReplicaChange> ApplyStatusOnlyAsync(IProductEvent productEvent, CancellationToken cancellationToken);

    Task<ProductReplica?> FindAsync(Guid productId, CancellationToken cancellationToken);
}
