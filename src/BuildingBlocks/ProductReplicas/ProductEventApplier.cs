using Microsoft.Extensions.Logging;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>What every product-event consumer does: apply through the version gate, then count and log the outcome.</summary>
public sealed partial class ProductEventApplier(
    ProductReplicaWriter writer, IProductReplicaStore store, ReplicaMetrics metrics, TimeProvider time, ILogger<ProductEventApplier> logger)
{
    public Task<ReplicaChange> ApplyAsync(IProductEvent productEvent, CancellationToken cancellationToken) =>
        RecordAsync(productEvent, writer.ApplyAsync(new ReplicaWrite(productEvent), cancellationToken));

    /// <inheritdoc cref="ReplicaWrite"/>
    public Task<ReplicaChange> ApplyStatusOnlyAsync(IProductEvent productEvent, CancellationToken cancellationToken) =>
        RecordAsync(productEvent, writer.ApplyAsync(new ReplicaWrite(productEvent, StatusOnly: true), cancellationToken));

    /// <summary>This service's current copy, for decisions after applying (for example, whether to confirm).</summary>
    public Task<ProductReplica?> FindAsync(Guid productId, CancellationToken cancellationToken) => store.FindAsync(productId, cancellationToken);

    private async Task<ReplicaChange> RecordAsync(IProductEvent productEvent, Task<ReplicaChange> applying)
    {
        var change = await applying;
        metrics.Record(productEvent, change, time.GetUtcNow());
        Log(productEvent.GetType().Name, productEvent.ProductId, productEvent.Product.Sku, productEvent.Version, productEvent.Product.Status, change);
        return change;
    }

    // Debug, not Information: one line per event per consumer is the bulk of a busy service's log,
    // and the metrics count every outcome anyway.
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Event} v{Version} for product {ProductId} ({Sku}, {Status}): {Change}")]
    private partial void Log(string @event, Guid productId, string sku, long version, ProductStatus status, ReplicaChange change);
}
