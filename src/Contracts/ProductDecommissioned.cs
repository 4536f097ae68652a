namespace ProductCatalogOrders.Contracts;

/// <summary>
/// A product entered the DELETING step (status Decommissioning): hide it and refuse new references,
/// keep the copy as a tombstone, and confirm with <see cref="ProductDecommissionConfirmed"/>. Its
/// completion is <see cref="ProductDecommissionCompleted"/>.
/// </summary>
public sealed record ProductDecommissioned(Guid ProductId, long Version, DateTimeOffset OccurredAt, ProductState Product) : IProductEvent;
