namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>A durable marker that something completed, such as the cache's first bootstrap from the snapshot.</summary>
public sealed class ReplicaCheckpoint
{
    /// <summary>The bootstrap from ProductService's snapshot completed: the cache has caught up once.</summary>
    public const string Bootstrap = "bootstrap";

    /// <summary>The last reconciliation run completed.</summary>
    public const string Reconciliation = "reconciliation";

    public required string Name { get; set; }

    public DateTimeOffset CompletedAt { get; set; }
}
