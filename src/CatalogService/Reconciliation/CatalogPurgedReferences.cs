using ProductCatalogOrders.BuildingBlocks.Reconciliation;
using ProductCatalogOrders.CatalogService.Catalog;

namespace ProductCatalogOrders.CatalogService.Reconciliation;

/// <summary>Catalog items are deep references: a purge learnt from the snapshot removes them, as <see cref="ProductPurgedConsumer"/> does.</summary>
public sealed class CatalogPurgedReferences(ICatalogStore catalog) : IPurgedReferences
{
    public bool KeepCopyOnPurge => false;

    public Task<int> ReleaseAsync(Guid productId, CancellationToken cancellationToken) => catalog.RemoveItemsOfProductAsync(productId, cancellationToken);
}
