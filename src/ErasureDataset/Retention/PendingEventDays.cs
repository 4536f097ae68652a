using ProductCatalogOrders.ErasureDataset.Layout;
using ProductCatalogOrders.ErasureDataset.Writing;

namespace ProductCatalogOrders.ErasureDataset.Retention;

/// <summary>
/// The UTC days of the events the source holds and the dataset does not yet: everything after the
/// writer's cursor, an interrupted batch included. Read once per retention run, page by page, and
/// only when a check asks.
/// </summary>
public sealed class PendingEventDays(IErasureEventSource source, IWriterCursorStore cursors, int pageSize = 1000)
{
    private Task<IReadOnlyDictionary<DateOnly, int>>? _days;

    /// <summary>How many unwritten events fall on each day.</summary>
    public Task<IReadOnlyDictionary<DateOnly, int>> GetAsync(CancellationToken cancellationToken) =>
        _days ??= ReadAsync(cancellationToken);

    private async Task<IReadOnlyDictionary<DateOnly, int>> ReadAsync(CancellationToken cancellationToken)
    {
        var days = new Dictionary<DateOnly, int>();
        var after = (await cursors.LoadAsync(cancellationToken)).Written;
        while (true)
        {
            var page = await source.ReadAfterAsync(after, pageSize, cancellationToken);
            if (page.Count == 0)
            {
                return days;
            }

            foreach (var e in page)
            {
                var day = DayFolder.DayOf(e.OccurredAt);
                days[day] = days.GetValueOrDefault(day) + 1;
            }

            var last = page[^1].Sequence;
            if (last <= after)
            {
                throw new InvalidOperationException($"The erasure event source returned sequence {last} after {after}.");
            }

            after = last;
        }
    }
}
