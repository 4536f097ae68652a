using Microsoft.EntityFrameworkCore;

namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>The reconciliation report and checkpoints in a consumer's EF Core store.</summary>
public sealed class ReconciliationStore<TContext>(TContext db) : IReconciliationStore
    where TContext : DbContext, IReconciliationContext
{
    public async Task<IReadOnlyList<ReconciliationFinding>> ListFindingsAsync(CancellationToken cancellationToken) =>
        await db.ReconciliationFindings.AsNoTracking().ToListAsync(cancellationToken);

    public async Task ReplaceFindingsAsync(IReadOnlyList<ReconciliationFinding> findings, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var stored = await db.ReconciliationFindings.ToDictionaryAsync(f => f.ProductId, cancellationToken);
        foreach (var finding in findings)
        {
            if (stored.Remove(finding.ProductId, out var row))
            {
                db.Entry(row).CurrentValues.SetValues(finding);
            }
            else
            {
                db.ReconciliationFindings.Add(finding);
            }
        }

        db.ReconciliationFindings.RemoveRange(stored.Values);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    public async Task<DateTimeOffset?> GetCheckpointAsync(string name, CancellationToken cancellationToken) =>
        (await db.ReplicaCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.Name == name, cancellationToken))?.CompletedAt;

    public async Task SetCheckpointAsync(string name, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        var updated = await db.ReplicaCheckpoints.Where(c => c.Name == name)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CompletedAt, completedAt), cancellationToken);
        if (updated == 0)
        {
            db.ReplicaCheckpoints.Add(new ReplicaCheckpoint { Name = name, CompletedAt = completedAt });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another writer set it between the update and the insert: it is set.
            }

            db.ChangeTracker.Clear();
        }
    }
}
