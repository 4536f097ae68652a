using Microsoft.Extensions.Logging;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>What every product-event consumer does: apply through the version gate, then log and count the outcome.</summary>
public sealed partial class ProductEventApplier(
    IProductReplicaStore store, ReplicaMetrics metrics, TimeProvider time, ILogger<ProductEventApplier> logger)
{
    public Task<ReplicaChange> ApplyAsync(IProductEvent productEvent, CancellationToken cancellationToken) =>
        RecordAsync(productEvent, store.ApplyAsync(productEvent, cancellationToken));

    /// <inheritdoc cref="IProductReplicaStore.ApplyStatusOnlyAsync"/>
    public Task<ReplicaChange> ApplyStatusOnlyAsync(IProductEvent productEvent, CancellationToken cancellationToken) =>
        RecordAsync(productEvent, store.ApplyStatusOnlyAsync(productEvent, cancellationToken));

    /// <summary>This service's current copy, for decisions after applying (for example, whether to confirm).</summary>
    public Task<ProductReplica?> FindAsync(Guid productId, CancellationToken cancellationToken) => store.FindAsync(productId, cancellationToken);

    private async Task<ReplicaChange> RecordAsync(IProductEvent productEvent, Task<ReplicaChange> applying)
    {
        var change = await applying;
        metrics.Record(productEvent, change, time.GetUtcNow());
        Log(productEvent.GetType().Name, productEvent.ProductId, productEvent.Product.Sku, productEvent.Version, productEvent.Product.Status, change);
        return change;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Event} v{Version} for product {ProductId} ({Sku}, {Status}): {Change}")]
    private partial void Log(string @event, Guid productId, string sku, long version, ProductStatus status, ReplicaChange change);
}
