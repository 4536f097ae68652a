namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>One completed comparison of the cache with the source.</summary>
/// <param name="ReferencingRecords">Local records referencing products, by resource type (<c>catalog_item</c>, <c>order_line</c>).</param>
public sealed record ReconciliationRun(
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    double DurationSeconds,
    int SourceProducts,
    int CachedProducts,
    IReadOnlyDictionary<string, int> ReferencingRecords,
    int Dangling,
    int Stale,
    int Ahead,
    int Missing);
