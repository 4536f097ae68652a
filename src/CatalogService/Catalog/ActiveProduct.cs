using Microsoft.AspNetCore.Http.HttpResults;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.BuildingBlocks.Strategies;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.CatalogService.Catalog;

/// <summary>The catalog's one rule for what may be listed or reviewed: a product it knows, and Active.</summary>
public static class ActiveProduct
{
    /// <summary>The product, or the 422 that refuses it; <paramref name="use"/> completes "cannot be ..." (listed, reviewed).</summary>
    public static async Task<(ProductReplica? Product, ProblemHttpResult? Refusal)> FindAsync(
        IProductLookup products, Guid productId, string use, CancellationToken cancellationToken)
    {
        var product = await products.FindAsync(productId, cancellationToken);
        if (product is null)
        {
            return (null, Problems.Unprocessable(
                "Unknown product", $"No product {productId} is known to the catalog; a product created moments ago may still be on its way."));
        }

        return product.Status == ProductStatus.Active
            ? (product, null)
            : (null, Problems.Unprocessable("Product not Active", $"Product {product.Sku} is {product.Status} and cannot be {use}."));
    }
}
