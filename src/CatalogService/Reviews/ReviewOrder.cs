namespace ProductCatalogOrders.CatalogService.Reviews;

/// <summary>
/// Reviews are listed oldest first by id: ids are version-7 UUIDs, whose text sorts in creation order.
/// Both adapters page the same way, in memory over one product's or one customer's reviews.
/// </summary>
public static class ReviewOrder
{
    public static IReadOnlyList<Review> Page(IEnumerable<Review> reviews, Guid? after, int take) =>
    [
        .. reviews
            .Select(r => (Key: r.Id.ToString(), Review: r))
            .Where(r => after is null || string.CompareOrdinal(r.Key, after.Value.ToString()) > 0)
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Take(take)
            .Select(r => r.Review),
    ];
}
