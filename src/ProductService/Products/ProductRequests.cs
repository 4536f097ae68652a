namespace ProductCatalogOrders.ProductService.Products;

/// <summary>Fields are nullable so a missing field is reported as a validation error, not a binding failure.</summary>
public sealed record CreateProductRequest(string? Sku, string? Name, decimal? Price);

public sealed record UpdateProductRequest(string? Name, decimal? Price);
