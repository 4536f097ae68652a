using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>
/// Applies product events to the replica table through the <see cref="VersionGate"/>. The update
/// is one conditional statement (filter on the stored version), so two consumers racing on the
/// same product cannot overwrite a newer version with an older one.
/// </summary>
public sealed class ProductReplicaStore<TContext>(TContext db, TimeProvider time) : IProductReplicaStore
    where TContext : DbContext, IProductReplicaContext
{
    public Task<ReplicaChange> ApplyAsync(IProductEvent productEvent, CancellationToken cancellationToken) =>
        ApplyAsync(productEvent, statusOnly: false, cancellationToken);

    public Task<ReplicaChange> ApplyStatusOnlyAsync(IProductEvent productEvent, CancellationToken cancellationToken) =>
        ApplyAsync(productEvent, statusOnly: true, cancellationToken);

    private async Task<ReplicaChange> ApplyAsync(IProductEvent productEvent, bool statusOnly, CancellationToken cancellationToken)
    {
        var state = productEvent.Product;
        var now = time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            var newer = db.ProductReplicas.Where(r => r.ProductId == productEvent.ProductId && r.Version < productEvent.Version);
            var updated = statusOnly
                ? await newer.ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Status, state.Status)
                    .SetProperty(r => r.Version, productEvent.Version)
                    .SetProperty(r => r.ChangedAt, productEvent.OccurredAt)
                    .SetProperty(r => r.AppliedAt, now), cancellationToken)
                : await newer.ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Sku, state.Sku)
                    .SetProperty(r => r.Name, state.Name)
                    .SetProperty(r => r.Price, state.Price)
                    .SetProperty(r => r.Status, state.Status)
                    .SetProperty(r => r.Version, productEvent.Version)
                    .SetProperty(r => r.ChangedAt, productEvent.OccurredAt)
                    .SetProperty(r => r.AppliedAt, now), cancellationToken);
            if (updated > 0)
            {
                return ReplicaChange.Updated;
            }

            var current = await db.ProductReplicas.AsNoTracking()
                .Where(r => r.ProductId == productEvent.ProductId)
                .Select(r => (long?)r.Version)
                .SingleOrDefaultAsync(cancellationToken);
            if (!VersionGate.Admits(current, productEvent.Version))
            {
                return ReplicaChange.IgnoredStale;
            }

            if (current is not null)
            {
                continue; // Another consumer changed the row between the two statements; gate again.
            }

            db.ProductReplicas.Add(new ProductReplica
            {
                ProductId = productEvent.ProductId,
                Sku = state.Sku,
                Name = state.Name,
                Price = state.Price,
                Status = state.Status,
                Version = productEvent.Version,
                ChangedAt = productEvent.OccurredAt,
                AppliedAt = now,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return ReplicaChange.Inserted;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Lost an insert race on the primary key: the row exists now, so gate again.
                db.ChangeTracker.Clear();
            }
        }
    }

    public Task<ProductReplica?> FindAsync(Guid productId, CancellationToken cancellationToken) =>
        db.ProductReplicas.AsNoTracking().SingleOrDefaultAsync(r => r.ProductId == productId, cancellationToken);
}
