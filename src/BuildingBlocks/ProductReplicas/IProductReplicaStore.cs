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

    /// <summary>Every copy's id, SKU, status and version, for reconciliation with the source.</summary>
    Task<IReadOnlyList<ReplicaEntry>> ListEntriesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the copy with the write's state and version even though its version is lower: only for
    /// an explicit rebuild that found the copy ahead of the source (a forged or misrouted event). It
    /// writes only while the copy is still at <paramref name="expectedVersion"/>, so a concurrent
    /// change is never lost; returns whether it wrote.
    /// </summary>
    Task<bool> OverwriteAsync(ReplicaWrite write, long expectedVersion, CancellationToken cancellationToken);
}
