namespace ProductCatalogOrders.CatalogService.Catalog;

/// <summary>A product placed in a catalog category. The product itself lives in the local cache.</summary>
public sealed class CatalogItem
{
    public Guid Id { get; set; }

    public Guid ProductId { get; set; }

    public required string Category { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
