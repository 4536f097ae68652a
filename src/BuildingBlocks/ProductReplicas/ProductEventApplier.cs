using Microsoft.Extensions.Logging;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>What every product-event consumer does: apply through the version gate, then log and count the outcome.</summary>
public sealed partial class ProductEventApplier(
    IProductReplicaStore store, ReplicaMetrics metrics, TimeProvider time, ILogger<ProductEventApplier> logger)
{
    public async Task<ReplicaChange> ApplyAsync(IProductEvent productEvent, CancellationToken cancellationToken)
    {
        var change = await store.ApplyAsync(productEvent, cancellationToken);
        metrics.Record(productEvent, change, time.GetUtcNow());
        Log(productEvent.GetType().Name, productEvent.ProductId, productEvent.Product.Sku, productEvent.Version, productEvent.Product.Status, change);
        return change;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Event} v{Version} for product {ProductId} ({Sku}, {Status}): {Change}")]
    private partial void Log(string @event, Guid productId, string sku, long version, ProductStatus status, ReplicaChange change);
}
