namespace ProductCatalogOrders.Contracts;

/// <summary>A product entered the DELETING step (status Decommissioning): hide it and refuse new references, but keep the copy as a tombstone.</summary>
public sealed record ProductDecommissioned(Guid ProductId, long Version, DateTimeOffset OccurredAt, ProductState Product) : IProductEvent;
