namespace ProductCatalogOrders.Contracts;

/// <summary>A product was registered and is Active.</summary>
public sealed record ProductCreated(Guid ProductId, long Version, DateTimeOffset OccurredAt, ProductState Product) : IProductEvent;
