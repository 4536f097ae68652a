using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Storage;
using ProductCatalogOrders.CatalogService.Reviews;

namespace ProductCatalogOrders.CatalogService.Storage.Sqlite;

public sealed class SqliteReviewStore(CatalogDbContext db) : IReviewStore
{
    public async Task AddReviewAsync(Review review, CancellationToken cancellationToken)
    {
        db.Reviews.Add(review);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Review>> ListReviewsOfProductAsync(Guid productId, ReviewKey? after, int take, CancellationToken cancellationToken) =>
        ReviewOrder.Page(await db.Reviews.AsNoTracking().Where(r => r.ProductId == productId).ToListAsync(cancellationToken), after, take);

    public async Task<IReadOnlyList<Review>> ListReviewsOfCustomerAsync(string customerId, ReviewKey? after, int take, CancellationToken cancellationToken) =>
        ReviewOrder.Page(await db.Reviews.AsNoTracking().Where(r => r.CustomerId == customerId).ToListAsync(cancellationToken), after, take);

    /// <summary>Deletes, then checkpoints, so the deleted rows survive neither in the file nor in its log.</summary>
    public async Task<int> RemoveReviewsOfCustomerAsync(string customerId, CancellationToken cancellationToken)
    {
        var removed = await db.Reviews.Where(r => r.CustomerId == customerId).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
        {
            await SqliteErasure.CheckpointAsync(db, cancellationToken);
        }

        return removed;
    }

    public Task<int> RemoveReviewsOfProductAsync(Guid productId, CancellationToken cancellationToken) =>
        db.Reviews.Where(r => r.ProductId == productId).ExecuteDeleteAsync(cancellationToken);

    public Task<int> CountReviewsOfCustomerAsync(string customerId, CancellationToken cancellationToken) =>
        db.Reviews.CountAsync(r => r.CustomerId == customerId, cancellationToken);
}
