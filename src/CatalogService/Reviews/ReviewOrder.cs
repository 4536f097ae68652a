using System.Globalization;

namespace ProductCatalogOrders.CatalogService.Reviews;

/// <summary>Where a review sits in a list: by creation time, then id (two reviews may share a millisecond).</summary>
public sealed record ReviewKey(long CreatedTicks, Guid Id)
{
    public static ReviewKey Of(Review review) => new(review.CreatedAt.UtcTicks, review.Id);

    /// <summary>Fixed-width ticks, so ordinal order is time order, then the id.</summary>
    public string[] Parts => [CreatedTicks.ToString("D20", CultureInfo.InvariantCulture), Id.ToString()];

    public static ReviewKey? Parse(string[]? parts) =>
        parts is [var ticks, var id] && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && Guid.TryParse(id, out var g)
            ? new ReviewKey(t, g)
            : null;
}

/// <summary>Reviews are listed oldest first. Both adapters page the same way, in memory over one product's or one customer's reviews.</summary>
public static class ReviewOrder
{
    public static IReadOnlyList<Review> Page(IEnumerable<Review> reviews, ReviewKey? after, int take) =>
    [
        .. reviews
            .Select(r => (Key: ReviewKey.Of(r).Parts, Review: r))
            .Where(r => after is null || BuildingBlocks.Http.Paging.Ordinal.Compare(r.Key, after.Parts) > 0)
            .OrderBy(r => r.Key, BuildingBlocks.Http.Paging.Ordinal)
            .Take(take)
            .Select(r => r.Review),
    ];
}
