namespace ProductCatalogOrders.CatalogService.Catalog;

public sealed record AddCatalogItemRequest(Guid? ProductId, string? Category);

/// <summary>A listed item, with the product's name and price taken from the local cache.</summary>
public sealed record CatalogItemResponse(Guid Id, Guid ProductId, string Sku, string Name, decimal Price, string Category);

/// <summary>The catalog let go of a product: its items are gone.</summary>
public sealed record ReleaseResponse(Guid ProductId, int RemovedItems);
