namespace ProductCatalogOrders.Contracts;

/// <summary>A product's name or price changed. Legal holds are <see cref="ProductLegalHoldChanged"/>.</summary>
public sealed record ProductUpdated(Guid ProductId, long Version, DateTimeOffset OccurredAt, ProductState Product) : IProductEvent;
