using ProductCatalogOrders.ErasureDataset;

namespace ProductCatalogOrders.ErasureDatasetTests;

/// <summary>An append-only event log in memory, standing in for ErasureService's ledger.</summary>
public sealed class InMemoryErasureEventSource : IErasureEventSource
{
    private readonly List<ErasureEvent> _events = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<ErasureEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>
    /// Appends an event with the next sequence. Times are kept to the millisecond, as the dataset keeps them,
    /// and keep their offset, so the writer is the one that has to find their UTC day.
    /// </summary>
    public ErasureEvent Append(DateTimeOffset at, string service = "erasure-service", string kind = ErasureEventKinds.Requested, string subjectId = "customer-1")
    {
        lock (_gate)
        {
            var e = new ErasureEvent(_events.Count + 1, new DateTimeOffset(at.Ticks - at.Ticks % TimeSpan.TicksPerMillisecond, at.Offset), service, kind, Guid.NewGuid(), "customer", subjectId);
            _events.Add(e);
            return e;
        }
    }

    public Task<IReadOnlyList<ErasureEvent>> ReadAfterAsync(long afterSequence, int max, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<ErasureEvent> page = _events.Where(e => e.Sequence > afterSequence).OrderBy(e => e.Sequence).Take(max).ToList();
            return Task.FromResult(page);
        }
    }
}
