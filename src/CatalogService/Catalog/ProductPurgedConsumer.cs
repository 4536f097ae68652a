using MassTransit;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.CatalogService.Catalog;

/// <summary>
/// Catalog items are deep references: when the master data is purged, the catalog removes the
/// product's items and erases its cached name and price. A data-free tombstone (id, SKU, version,
/// Purged) stays in the cache so that a stale event arriving later cannot bring the product back.
/// Once both are done, the purge is confirmed to ProductService.
/// </summary>
public sealed class ProductPurgedConsumer(
    ProductEventApplier applier, ICatalogStore catalog, PurgeConfirmation confirmation, TimeProvider time, ILogger<ProductPurgedConsumer> logger)
    : IConsumer<ProductPurged>
{
    /// <summary>Who the audit trail names for a removal the product event caused: the owner of the product, not a caller here.</summary>
    public const string PurgeActor = "productservice (ProductPurged event)";

    public async Task Consume(ConsumeContext<ProductPurged> context)
    {
        var purge = context.Message;
        var change = await applier.ApplyAsync(purge, context.CancellationToken);

        // Also on a redelivery: a purge is final, and removing is idempotent.
        var removed = await catalog.RemoveItemsOfProductAsync(
            purge.ProductId,
            count => AuditEntry.Of(PurgeActor, "purge", "product", purge.ProductId, time.GetUtcNow(), $"{purge.Product.Sku}: {count} catalog item(s) removed"),
            context.CancellationToken);
        logger.LogInformation("Product {ProductId} ({Sku}) purged: removed {Count} catalog item(s) and the cached data", purge.ProductId, purge.Product.Sku, removed);
        await confirmation.ConfirmAsync(context, change);
    }
}
