using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.ProductService.Products;

/// <summary>The event each change publishes, carrying the product's full state at that version.</summary>
internal static class ProductEvents
{
    public static ProductCreated Created(Product product) => new(product.Id, product.Version, product.UpdatedAt, product.ToState());

    public static ProductUpdated Updated(Product product) => new(product.Id, product.Version, product.UpdatedAt, product.ToState());

    /// <summary>The DELETING step began: Decommissioning.</summary>
    public static ProductDecommissioned Decommissioned(Product product) => new(product.Id, product.Version, product.UpdatedAt, product.ToState());

    /// <summary>Every registered consumer confirmed: Decommissioned.</summary>
    public static ProductDecommissionCompleted DecommissionCompleted(Product product) => new(product.Id, product.Version, product.UpdatedAt, product.ToState());

    /// <summary>A legal hold placed or lifted.</summary>
    public static ProductLegalHoldChanged LegalHoldChanged(Product product) =>
        new(product.Id, product.Version, product.UpdatedAt, product.ToState(), product.IsOnLegalHold);

    public static ProductRestored Restored(Product product) => new(product.Id, product.Version, product.UpdatedAt, product.ToState());

    public static ProductPurged Purged(Product product) => new(product.Id, product.Version, product.UpdatedAt, product.ToState());
}
