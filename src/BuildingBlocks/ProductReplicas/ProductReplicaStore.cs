using Microsoft.EntityFrameworkCore;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>
/// Applies product events to the replica table through the <see cref="VersionGate"/>, a batch per
/// transaction. Each update is one conditional statement (filtered on the stored version), so two
/// consumers racing on the same product cannot overwrite a newer version with an older one.
/// </summary>
public sealed class ProductReplicaStore<TContext>(TContext db, TimeProvider time) : IProductReplicaStore
    where TContext : DbContext, IProductReplicaContext
{
    public async Task<IReadOnlyList<ReplicaChange>> ApplyAsync(IReadOnlyList<ReplicaWrite> writes, CancellationToken cancellationToken)
    {
        // A provider that retries on transient failures wants the whole transaction as its unit.
        var changes = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var inserted = new Dictionary<Guid, ProductReplica>();
            var results = new ReplicaChange[writes.Count];
            for (var i = 0; i < writes.Count; i++)
            {
                results[i] = await ApplyAsync(writes[i], inserted, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return results;
        });

        // Stamped after the commit, so AppliedAt - ChangedAt is the whole propagation, the write included.
        var applied = writes.Where((_, i) => changes[i] != ReplicaChange.IgnoredStale).Select(w => w.Event.ProductId).Distinct().ToList();
        if (applied.Count > 0)
        {
            var now = time.GetUtcNow();
            await db.ProductReplicas.Where(r => applied.Contains(r.ProductId))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.AppliedAt, now), cancellationToken);
        }

        return changes;
    }

    private async Task<ReplicaChange> ApplyAsync(ReplicaWrite write, Dictionary<Guid, ProductReplica> inserted, CancellationToken cancellationToken)
    {
        var productEvent = write.Event;
        var state = productEvent.Product;
        if (inserted.TryGetValue(productEvent.ProductId, out var pending))
        {
            // Inserted earlier in this batch and not yet saved: gate against the pending row.
            if (!VersionGate.Admits(pending.Version, productEvent.Version))
            {
                return ReplicaChange.IgnoredStale;
            }

            Copy(write, pending);
            return ReplicaChange.Updated;
        }

        var newer = db.ProductReplicas.Where(r => r.ProductId == productEvent.ProductId && r.Version < productEvent.Version);
        var updated = write.StatusOnly
            ? await newer.ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, state.Status)
                .SetProperty(r => r.Version, productEvent.Version)
                .SetProperty(r => r.ChangedAt, productEvent.OccurredAt), cancellationToken)
            : await newer.ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Sku, state.Sku)
                .SetProperty(r => r.Name, state.Name)
                .SetProperty(r => r.Price, state.Price)
                .SetProperty(r => r.Status, state.Status)
                .SetProperty(r => r.Version, productEvent.Version)
                .SetProperty(r => r.ChangedAt, productEvent.OccurredAt), cancellationToken);
        if (updated > 0)
        {
            return ReplicaChange.Updated;
        }

        if (await db.ProductReplicas.AnyAsync(r => r.ProductId == productEvent.ProductId, cancellationToken))
        {
            return ReplicaChange.IgnoredStale; // at this version or newer already
        }

        var replica = new ProductReplica { ProductId = productEvent.ProductId, Sku = state.Sku, Name = state.Name };
        Copy(write with { StatusOnly = false }, replica);
        replica.AppliedAt = time.GetUtcNow();
        db.ProductReplicas.Add(replica);
        inserted[productEvent.ProductId] = replica;
        return ReplicaChange.Inserted;
    }

    private static void Copy(ReplicaWrite write, ProductReplica replica)
    {
        var (productEvent, state) = (write.Event, write.Event.Product);
        if (!write.StatusOnly)
        {
            replica.Sku = state.Sku;
            replica.Name = state.Name;
            replica.Price = state.Price;
        }

        replica.Status = state.Status;
        replica.Version = productEvent.Version;
        replica.ChangedAt = productEvent.OccurredAt;
    }

    public Task<ProductReplica?> FindAsync(Guid productId, CancellationToken cancellationToken) =>
        db.ProductReplicas.AsNoTracking().SingleOrDefaultAsync(r => r.ProductId == productId, cancellationToken);

    public async Task<IReadOnlyList<ReplicaEntry>> ListEntriesAsync(CancellationToken cancellationToken) =>
        await db.ProductReplicas.AsNoTracking()
            .Select(r => new ReplicaEntry(r.ProductId, r.Sku, r.Status, r.Version))
            .ToListAsync(cancellationToken);

    public async Task<bool> OverwriteAsync(ReplicaWrite write, long expectedVersion, CancellationToken cancellationToken)
    {
        var (productEvent, state, now) = (write.Event, write.Event.Product, time.GetUtcNow());
        var atExpected = db.ProductReplicas.Where(r => r.ProductId == productEvent.ProductId && r.Version == expectedVersion);
        var written = write.StatusOnly
            ? await atExpected.ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, state.Status)
                .SetProperty(r => r.Version, productEvent.Version)
                .SetProperty(r => r.ChangedAt, productEvent.OccurredAt)
                .SetProperty(r => r.AppliedAt, now), cancellationToken)
            : await atExpected.ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Sku, state.Sku)
                .SetProperty(r => r.Name, state.Name)
                .SetProperty(r => r.Price, state.Price)
                .SetProperty(r => r.Status, state.Status)
                .SetProperty(r => r.Version, productEvent.Version)
                .SetProperty(r => r.ChangedAt, productEvent.OccurredAt)
                .SetProperty(r => r.AppliedAt, now), cancellationToken);
        return written > 0;
    }
}
