using ProductCatalogOrders.BuildingBlocks.Strategies;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.CatalogService.Catalog;

/// <summary>
/// The synchronous strategies: every listed product is looked up in ProductService, so the catalog
/// is only as available as ProductService. An item whose product no longer exists is not shown,
/// but it still points at nothing (JustDelete's orphan).
/// </summary>
public sealed class ProductServiceCatalogListing(ICatalogStore catalog, IProductLookup products) : ICatalogListing
{
    public async Task<IReadOnlyList<CatalogItemResponse>> ListActiveAsync(CancellationToken cancellationToken)
    {
        var items = await catalog.ListItemsAsync(cancellationToken);
        var listing = new List<CatalogItemResponse>();
        foreach (var group in items.GroupBy(i => i.ProductId))
        {
            var product = await products.FindAsync(group.Key, cancellationToken);
            if (product?.Status == ProductStatus.Active)
            {
                listing.AddRange(group.Select(i => new CatalogItemResponse(i.Id, product.ProductId, product.Sku, product.Name, product.Price, i.Category)));
            }
        }

        return [.. listing.OrderBy(l => l.Sku, StringComparer.Ordinal).ThenBy(l => l.Category, StringComparer.Ordinal)];
    }
}
