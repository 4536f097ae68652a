using ProductCatalogOrders.BuildingBlocks.ProductReplicas;

namespace ProductCatalogOrders.BuildingBlocks.Strategies;

/// <summary>
/// How Catalog and Order learn about a product on a request path: from their own replica
/// (AsynchronousUpdate) or by asking ProductService (the synchronous strategies). The strategy is
/// this one swappable piece; the handlers do not branch on it.
/// </summary>
public interface IProductLookup
{
    /// <summary>The product as this service should see it now; null when it does not exist (any more).</summary>
    /// <exception cref="ProductServiceUnavailableException">The synchronous lookup could not reach ProductService.</exception>
    Task<ProductReplica?> FindAsync(Guid productId, CancellationToken cancellationToken);
}

/// <summary>A synchronous lookup failed: the request depends on ProductService, and it did not answer.</summary>
public sealed class ProductServiceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
