namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>What applying one event did to the local copy.</summary>
public enum ReplicaChange
{
    /// <summary>The copy did not exist and was created from the event.</summary>
    Inserted,

    /// <summary>The event was newer and replaced the copy.</summary>
    Updated,

    /// <summary>The copy was already at this version or newer: a duplicate or a late arrival.</summary>
    IgnoredStale,
}
