using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.ProductService.Removal;

/// <summary>JustDelete: the row goes, and nobody is told. Catalog items and order lines that referenced it now dangle.</summary>
public sealed class JustDeleteRemoval(ProductsDbContext db) : IProductRemoval
{
    public async Task<RemovalOutcome> RemoveAsync(Guid productId, CancellationToken cancellationToken)
    {
        await db.DeletionConfirmations.Where(c => c.ProductId == productId).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.Products.Where(p => p.Id == productId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? RemovalOutcome.NotFound : RemovalOutcome.Removed;
    }
}
