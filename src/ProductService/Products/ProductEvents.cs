using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.ProductService.Products;

/// <summary>The event each change publishes, carrying the product's full state at that version.</summary>
internal static class ProductEvents
{
    public static ProductCreated Created(Product product) => new(product.Id, product.Version, product.UpdatedAt, product.ToState());

    public static ProductUpdated Updated(Product product) => new(product.Id, product.Version, product.UpdatedAt, product.ToState());

    /// <summary>Both steps of the decommission: Decommissioning, and later Decommissioned once every consumer confirmed.</summary>
    public static ProductDecommissioned Decommissioned(Product product) => new(product.Id, product.Version, product.UpdatedAt, product.ToState());

    public static ProductRestored Restored(Product product) => new(product.Id, product.Version, product.UpdatedAt, product.ToState());

    public static ProductPurged Purged(Product product) => new(product.Id, product.Version, product.UpdatedAt, product.ToState());
}
