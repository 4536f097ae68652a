namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>
/// The local records of one type that reference products (catalog items, order lines): the
/// reconciliation report counts them per finding, so a person can see what a divergence touches.
/// </summary>
public interface IProductReferences
{
    /// <summary>The <c>resource.type</c> of these records in the dangling metrics, e.g. <c>catalog_item</c>.</summary>
    string ResourceType { get; }

    /// <summary>How many records reference each product, including products this service has no copy of.</summary>
    Task<IReadOnlyDictionary<Guid, int>> CountByProductAsync(CancellationToken cancellationToken);
}
