namespace ProductCatalogOrders.Contracts;

/// <summary>
/// The product's master data was erased after retention and the deletion checks. The state carries
/// the SKU and status only; name and price are gone. Consumers holding deep references (catalog items)
/// remove them; consumers holding shallow references (order lines) keep their own snapshot.
/// </summary>
public sealed record ProductPurged(Guid ProductId, long Version, DateTimeOffset OccurredAt, ProductState Product) : IProductEvent;
