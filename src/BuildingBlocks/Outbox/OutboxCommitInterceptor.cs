using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProductCatalogOrders.BuildingBlocks.Outbox;

/// <summary>
/// Wakes the dispatcher after a save that wrote outbox rows. Stateless, so one instance serves
/// every context; a wake-up with nothing to send costs one empty query.
/// </summary>
public sealed class OutboxCommitInterceptor(OutboxSignal signal) : SaveChangesInterceptor
{
    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        // Producers only ever track outbox rows they have just added; the dispatcher reads untracked.
        if (eventData.Context?.ChangeTracker.Entries<OutboxMessage>().Any() == true)
        {
            signal.Notify();
        }

        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }
}
