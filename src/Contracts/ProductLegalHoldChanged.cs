namespace ProductCatalogOrders.Contracts;

/// <summary>
/// A legal hold was placed on the product or lifted. The product's state is unchanged apart from
/// its version; a held product cannot be purged.
/// </summary>
public sealed record ProductLegalHoldChanged(Guid ProductId, long Version, DateTimeOffset OccurredAt, ProductState Product, bool OnLegalHold) : IProductEvent;
