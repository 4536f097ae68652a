namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>How many open (unfulfilled, not cancelled) orders reference a product, as OrderService knows it now.</summary>
public interface IOpenOrders
{
    Task<int> CountAsync(Guid productId, CancellationToken cancellationToken);
}
