using ProductCatalogOrders.ErasureDataset;

namespace ProductCatalogOrders.ErasureService.Ledger;

/// <summary>
/// The ledger's events as the offline dataset's writer reads them. An event becomes visible to the
/// writer only <see cref="SettleTime"/> after it happened: on SQL Server an identity value can commit
/// after a higher one, and a writer that had already moved its cursor past the higher one would
/// never see it. SQLite commits in sequence order (one writer), so there the wait only delays.
/// </summary>
public sealed class DatasetEventSource(LedgerEventSource ledger, TimeProvider time) : IErasureEventSource
{
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlyList<ErasureEvent>> ReadAfterAsync(long afterSequence, int max, CancellationToken ct)
    {
        var settledBefore = time.GetUtcNow() - SettleTime;
        var events = await ledger.ReadAfterAsync(afterSequence, max, ct);
        return events
            .TakeWhile(e => e.OccurredAt <= settledBefore) // stop at the first unsettled one: never skip past it
            .Select(e => new ErasureEvent(e.Sequence, e.OccurredAt, e.Service, e.Kind, e.RequestId, e.SubjectType, e.SubjectId))
            .ToList();
    }
}
