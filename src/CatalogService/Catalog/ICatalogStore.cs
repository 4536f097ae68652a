using ProductCatalogOrders.BuildingBlocks.Audit;

namespace ProductCatalogOrders.CatalogService.Catalog;

/// <summary>
/// Where catalog items live. Adapters: SQLite (EF Core) and MongoDB; both pass the same
/// contract tests. The product cache beside it is an <c>IProductReplicaStore</c>.
/// </summary>
public interface ICatalogStore
{
    /// <summary>
    /// Adds the item and, with it, the <paramref name="audit"/> entry (in one transaction where the store has them);
    /// false, and nothing written, when the product is already listed in that category.
    /// </summary>
    Task<bool> TryAddItemAsync(CatalogItem item, AuditEntry? audit, CancellationToken cancellationToken);

    /// <summary>
    /// Removes every item of a purged product (a deep reference); returns how many were removed. Idempotent.
    /// When something was removed, the entry <paramref name="audit"/> makes of the count is written with the removal.
    /// </summary>
    Task<int> RemoveItemsOfProductAsync(Guid productId, Func<int, AuditEntry>? audit, CancellationToken cancellationToken);

    /// <summary>How many items list each product, whatever its state: what the reconciliation report counts as references.</summary>
    Task<IReadOnlyDictionary<Guid, int>> CountItemsByProductAsync(CancellationToken cancellationToken);

    /// <summary>Every item, whatever its product's state, ordered by product then category.</summary>
    Task<IReadOnlyList<CatalogItem>> ListItemsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="take"/> items whose cached product is Active, with the product's name and price,
    /// ordered by SKU then category (ordinally), starting after <paramref name="after"/>.
    /// </summary>
    Task<IReadOnlyList<CatalogItemResponse>> ListActiveAsync(CatalogKey? after, int take, CancellationToken cancellationToken);
}

/// <summary>Where a catalog item sits in the listing: a product is listed once per category, so the pair is unique.</summary>
public sealed record CatalogKey(string Sku, string Category)
{
    public static CatalogKey Of(CatalogItemResponse item) => new(item.Sku, item.Category);

    public string[] Parts => [Sku, Category];
}
