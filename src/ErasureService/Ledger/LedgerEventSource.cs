using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.ErasureService.Storage;

namespace ProductCatalogOrders.ErasureService.Ledger;

/// <summary>The erasure events as a batch writer reads them: in sequence order, after a cursor it keeps.</summary>
public sealed record ErasureLedgerEvent(
    long Sequence, DateTimeOffset OccurredAt, string Service, string Kind, Guid RequestId, string SubjectType, string SubjectId);

/// <summary>
/// Reads the append-only event table in sequence order. A row is visible only once the transaction
/// that wrote it has committed, so a reader that resumes after the last sequence it saved misses nothing.
/// </summary>
public sealed class LedgerEventSource(ErasureDbContext db)
{
    public async Task<IReadOnlyList<ErasureLedgerEvent>> ReadAfterAsync(long afterSequence, int max, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        return await db.LedgerEvents.AsNoTracking()
            .Where(e => e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence)
            .Take(max)
            .Select(e => new ErasureLedgerEvent(e.Sequence, e.OccurredAt, e.Service, e.Kind, e.RequestId, e.SubjectType, e.SubjectId))
            .ToListAsync(ct);
    }
}
