using Microsoft.EntityFrameworkCore;

namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>A service DbContext that keeps the reconciliation report and the cache's checkpoints.</summary>
public interface IReconciliationContext
{
    DbSet<ReconciliationFinding> ReconciliationFindings { get; }

    DbSet<ReplicaCheckpoint> ReplicaCheckpoints { get; }
}
