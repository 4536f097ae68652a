namespace ProductCatalogOrders.Contracts;

/// <summary>A decommissioned product was brought back within the restoration window and is Active again.</summary>
public sealed record ProductRestored(Guid ProductId, long Version, DateTimeOffset OccurredAt, ProductState Product) : IProductEvent;
