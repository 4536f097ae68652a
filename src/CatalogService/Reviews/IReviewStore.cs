namespace ProductCatalogOrders.CatalogService.Reviews;

/// <summary>
/// Where reviews live, beside the catalog items: SQLite (EF Core) or MongoDB, both held to the same
/// contract tests. Every removal is idempotent and returns how many reviews it removed.
/// </summary>
public interface IReviewStore
{
    Task AddReviewAsync(Review review, CancellationToken cancellationToken);

    /// <summary>A product's reviews, oldest first, up to <paramref name="take"/> after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<Review>> ListReviewsOfProductAsync(Guid productId, ReviewKey? after, int take, CancellationToken cancellationToken);

    /// <summary>A customer's reviews, oldest first, up to <paramref name="take"/> after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<Review>> ListReviewsOfCustomerAsync(string customerId, ReviewKey? after, int take, CancellationToken cancellationToken);

    /// <summary>Erases a customer: every review they wrote.</summary>
    Task<int> RemoveReviewsOfCustomerAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>A purged product's reviews go with its catalog items.</summary>
    Task<int> RemoveReviewsOfProductAsync(Guid productId, CancellationToken cancellationToken);

    Task<int> CountReviewsOfCustomerAsync(string customerId, CancellationToken cancellationToken);
}
