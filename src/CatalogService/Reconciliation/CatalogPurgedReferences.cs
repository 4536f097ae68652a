using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Reconciliation;
using ProductCatalogOrders.CatalogService.Catalog;

namespace ProductCatalogOrders.CatalogService.Reconciliation;

/// <summary>
/// Catalog items are deep references: a purge learnt from the snapshot removes them, audited, as
/// <see cref="ProductPurgedConsumer"/> does for the event.
/// </summary>
public sealed class CatalogPurgedReferences(ICatalogStore catalog, TimeProvider time) : IPurgedReferences
{
    /// <summary>Who the audit trail names: the owner of the product, as the snapshot showed it purged.</summary>
    public const string SnapshotPurgeActor = "productservice (purged in the snapshot)";

    public bool KeepCopyOnPurge => false;

    public Task<int> ReleaseAsync(Guid productId, string sku, CancellationToken cancellationToken) =>
        catalog.RemoveItemsOfProductAsync(
            productId,
            count => AuditEntry.Of(SnapshotPurgeActor, "purge", "product", productId, time.GetUtcNow(), $"{sku}: {count} catalog item(s) removed"),
            cancellationToken);
}
