namespace ProductCatalogOrders.Contracts;

/// <summary>
/// The product as a consumer needs it. Every product event carries the whole state, not a diff,
/// so a consumer that sees only the newest event still ends up with a complete, correct copy.
/// </summary>
public sealed record ProductState(string Sku, string Name, decimal Price, ProductStatus Status);
