namespace ProductCatalogOrders.BuildingBlocks.Outbox;

internal static class OutboxQueries
{
    /// <summary>
    /// The next rows to claim: pending, not leased (or past their lease or retry delay), oldest first.
    /// Served by the partial index of pending rows, so its cost does not grow with dispatched history.
    /// </summary>
    public static IQueryable<long> DueSequences(this IQueryable<OutboxMessage> rows, long nowUnixMs, int take) => rows
        .Where(m => m.DispatchedAt == null && m.LeasedUntil <= nowUnixMs)
        .OrderBy(m => m.Sequence)
        .Select(m => m.Sequence)
        .Take(take);
}
