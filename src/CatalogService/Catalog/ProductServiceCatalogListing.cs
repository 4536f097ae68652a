using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Strategies;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.CatalogService.Catalog;

/// <summary>
/// The synchronous strategies: every listed product is looked up in ProductService, so the catalog
/// is only as available as ProductService. An item whose product no longer exists is not shown,
/// but it still points at nothing (JustDelete's orphan). The SKU that orders the listing lives in
/// ProductService, so even one page looks up every listed product: that is these strategies' cost.
/// </summary>
public sealed class ProductServiceCatalogListing(ICatalogStore catalog, IProductLookup products) : ICatalogListing
{
    public async Task<IReadOnlyList<CatalogItemResponse>> ListActiveAsync(CatalogKey? after, int take, CancellationToken cancellationToken)
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

        return [.. listing
            .Where(l => after is null || Paging.Ordinal.Compare(CatalogKey.Of(l).Parts, after.Parts) > 0)
            .OrderBy(l => l.Sku, StringComparer.Ordinal).ThenBy(l => l.Category, StringComparer.Ordinal)
            .Take(take)];
    }
}
