namespace ProductCatalogOrders.Contracts;

/// <summary>
/// Every registered consumer confirmed the decommission: the product is Decommissioned. It stays a
/// tombstone with this status, and may still be restored within the window or purged later.
/// </summary>
public sealed record ProductDecommissionCompleted(Guid ProductId, long Version, DateTimeOffset OccurredAt, ProductState Product) : IProductEvent;
