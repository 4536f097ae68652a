namespace ProductCatalogOrders.CatalogService.Catalog;

public sealed record AddCatalogItemRequest(Guid? ProductId, string? Category);

/// <summary>A listed item, with the product's name and price taken from the local cache.</summary>
public sealed record CatalogItemResponse(Guid Id, Guid ProductId, string Sku, string Name, decimal Price, string Category);
