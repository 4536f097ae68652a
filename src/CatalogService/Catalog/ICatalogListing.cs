namespace ProductCatalogOrders.CatalogService.Catalog;

/// <summary>
/// What GET /catalog/items shows: items whose product is Active, a page at a time in SKU then category order.
/// Where the status comes from is the strategy's business.
/// </summary>
public interface ICatalogListing
{
    Task<IReadOnlyList<CatalogItemResponse>> ListActiveAsync(CatalogKey? after, int take, CancellationToken cancellationToken);
}

/// <summary>AsynchronousUpdate: one query joining the items with the local product cache.</summary>
public sealed class LocalCatalogListing(ICatalogStore catalog) : ICatalogListing
{
    public Task<IReadOnlyList<CatalogItemResponse>> ListActiveAsync(CatalogKey? after, int take, CancellationToken cancellationToken) =>
        catalog.ListActiveAsync(after, take, cancellationToken);
}
