namespace ProductCatalogOrders.CatalogService.Catalog;

/// <summary>What GET /catalog/items shows: items whose product is Active. Where the status comes from is the strategy's business.</summary>
public interface ICatalogListing
{
    Task<IReadOnlyList<CatalogItemResponse>> ListActiveAsync(CancellationToken cancellationToken);
}

/// <summary>AsynchronousUpdate: one query joining the items with the local product cache.</summary>
public sealed class LocalCatalogListing(ICatalogStore catalog) : ICatalogListing
{
    public Task<IReadOnlyList<CatalogItemResponse>> ListActiveAsync(CancellationToken cancellationToken) => catalog.ListActiveAsync(cancellationToken);
}
