namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>A service's local copies of products, kept current by product events.</summary>
public interface IProductReplicaStore
{
    /// <summary>
    /// Applies each write through the version gate, all in one transaction where the store has them,
    /// and returns what each did, in order. <c>AppliedAt</c> is stamped once the writes have committed.
    /// </summary>
    Task<IReadOnlyList<ReplicaChange>> ApplyAsync(IReadOnlyList<ReplicaWrite> writes, CancellationToken cancellationToken);

    Task<ProductReplica?> FindAsync(Guid productId, CancellationToken cancellationToken);
}
