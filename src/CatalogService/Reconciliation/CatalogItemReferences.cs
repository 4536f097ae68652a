using ProductCatalogOrders.BuildingBlocks.Reconciliation;
using ProductCatalogOrders.CatalogService.Catalog;

namespace ProductCatalogOrders.CatalogService.Reconciliation;

/// <summary>Catalog items reference products: the reconciliation report counts them per finding.</summary>
public sealed class CatalogItemReferences(ICatalogStore catalog) : IProductReferences
{
    public string ResourceType => "catalog_item";

    public Task<IReadOnlyDictionary<Guid, int>> CountByProductAsync(CancellationToken cancellationToken) =>
        catalog.CountItemsByProductAsync(cancellationToken);
}
