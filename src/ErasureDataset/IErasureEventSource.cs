namespace ProductCatalogOrders.ErasureDataset;

/// <summary>
/// Where the dataset's events come from: ErasureService implements it over its ledger.
/// The contract the writer's exactly-once guarantee rests on:
/// <list type="bullet">
/// <item>events come in ascending <see cref="ErasureEvent.Sequence"/>, at most <c>max</c> of them, all after <c>afterSequence</c>;</item>
/// <item>a sequence, once visible, never changes, and no event appears later with a lower sequence than one already returned
/// (assign sequences in commit order, or only return events below the oldest uncommitted one).</item>
/// </list>
/// The writer resolves it from a fresh DI scope per batch, so a scoped implementation over a DbContext is fine.
/// </summary>
public interface IErasureEventSource
{
    Task<IReadOnlyList<ErasureEvent>> ReadAfterAsync(long afterSequence, int max, CancellationToken ct);
}
