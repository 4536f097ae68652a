namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>
/// What a purge does to this service's references when the cache learns of it from the snapshot
/// rather than from a <c>ProductPurged</c> event; the service's own purge consumer does the same.
/// </summary>
public interface IPurgedReferences
{
    /// <summary>Shallow references (order lines) keep the copy's SKU, name and price: a purge takes only the status and version.</summary>
    bool KeepCopyOnPurge { get; }

    /// <summary>Removes the references a purge ends (deep references, such as catalog items); returns how many. Idempotent.</summary>
    Task<int> ReleaseAsync(Guid productId, string sku, CancellationToken cancellationToken);
}
