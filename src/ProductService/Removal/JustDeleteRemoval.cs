using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.ProductService.Deletion;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.ProductService.Removal;

/// <summary>JustDelete: the row goes, and nobody is told. Catalog items and order lines that referenced it now dangle.</summary>
public sealed class JustDeleteRemoval(ProductsDbContext db, TimeProvider time) : IProductRemoval
{
    public async Task<RemovalOutcome> RemoveAsync(Guid productId, string actor, CancellationToken cancellationToken)
    {
        // The row, its confirmations and the audit entry that records the deletion go together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.DeletionConfirmations.Where(c => c.ProductId == productId).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.Products.Where(p => p.Id == productId).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return RemovalOutcome.NotFound;
        }

        db.AuditEntries.Add(AuditEntry.Of(actor, DeletionSteps.Delete, "product", productId, time.GetUtcNow(), "row deleted"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RemovalOutcome.Removed;
    }
}
