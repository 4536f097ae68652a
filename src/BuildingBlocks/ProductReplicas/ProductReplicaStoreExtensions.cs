using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

public static class ProductReplicaStoreExtensions
{
    /// <summary>Replaces the copy with the event's full state, if the event is newer.</summary>
    public static async Task<ReplicaChange> ApplyAsync(this IProductReplicaStore store, IProductEvent productEvent, CancellationToken cancellationToken) =>
        (await store.ApplyAsync([new ReplicaWrite(productEvent)], cancellationToken))[0];

    /// <inheritdoc cref="ReplicaWrite"/>
    public static async Task<ReplicaChange> ApplyStatusOnlyAsync(this IProductReplicaStore store, IProductEvent productEvent, CancellationToken cancellationToken) =>
        (await store.ApplyAsync([new ReplicaWrite(productEvent, StatusOnly: true)], cancellationToken))[0];
}
