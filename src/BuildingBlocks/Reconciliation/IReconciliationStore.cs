namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>Where a consumer keeps its reconciliation report and its checkpoints. Adapters: EF Core (SQLite, SQL Server) and MongoDB.</summary>
public interface IReconciliationStore
{
    Task<IReadOnlyList<ReconciliationFinding>> ListFindingsAsync(CancellationToken cancellationToken);

    /// <summary>Makes the stored report exactly <paramref name="findings"/>: adds and updates those, removes every other.</summary>
    Task ReplaceFindingsAsync(IReadOnlyList<ReconciliationFinding> findings, CancellationToken cancellationToken);

    Task<DateTimeOffset?> GetCheckpointAsync(string name, CancellationToken cancellationToken);

    Task SetCheckpointAsync(string name, DateTimeOffset completedAt, CancellationToken cancellationToken);
}
