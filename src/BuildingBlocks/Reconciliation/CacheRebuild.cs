using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>
/// <c>POST /cache/rebuild</c>: the cache brought up to ProductService's snapshot while events keep
/// flowing. Every product goes through the version gate, so nothing is resurrected; the one exception
/// is a copy found ahead of the source (a forged or misrouted event), which this explicit rebuild
/// overwrites with the source's state, with an audit entry each. One rebuild at a time.
/// </summary>
public sealed class CacheRebuild(IServiceScopeFactory scopes, SnapshotApplication application, CacheAudit audit, TimeProvider time)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>The rebuild's result; null when another rebuild is under way.</summary>
    public async Task<CacheRebuildResult?> RebuildAsync(string actor, CancellationToken cancellationToken)
    {
        if (!await _one.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            return null;
        }

        try
        {
            var clock = Stopwatch.StartNew();
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var snapshot = services.GetRequiredService<ProductSnapshot>();
            var keepCopyOnPurge = services.GetService<IPurgedReferences>()?.KeepCopyOnPurge ?? false;
            var applied = await application.ApplyAsync(snapshot, cancellationToken);

            var overwritten = new List<Guid>();
            var cache = await services.GetRequiredService<ProductReplicas.IProductReplicaStore>().ListEntriesAsync(cancellationToken);
            foreach (var entry in cache.Where(e => applied.Source.TryGetValue(e.ProductId, out var p) && e.Version > p.Version))
            {
                // Ask again: an event newer than the page may have reached the copy since the page was read.
                var current = await snapshot.FindAsync(entry.ProductId, cancellationToken);
                if (current is null || current.Version >= entry.Version)
                {
                    continue;
                }

                await using var repair = scopes.CreateAsyncScope();
                if (await audit.OverwriteAheadAsync(repair.ServiceProvider, current.ToWrite(keepCopyOnPurge), entry.Version, actor, time.GetUtcNow(), cancellationToken))
                {
                    overwritten.Add(entry.ProductId);

                    // An event published between the look-up and the overwrite was refused by the forged
                    // version; the source's state now, through the gate, takes its place.
                    if (await snapshot.FindAsync(entry.ProductId, cancellationToken) is { } latest)
                    {
                        await repair.ServiceProvider.GetRequiredService<ProductReplicas.ProductReplicaWriter>()
                            .ApplyAsync(latest.ToWrite(keepCopyOnPurge), cancellationToken);
                    }
                }
            }

            // A complete rebuild is a complete bootstrap.
            var store = services.GetRequiredService<IReconciliationStore>();
            if (await store.GetCheckpointAsync(ReplicaCheckpoint.Bootstrap, cancellationToken) is null)
            {
                await store.SetCheckpointAsync(ReplicaCheckpoint.Bootstrap, time.GetUtcNow(), cancellationToken);
            }

            var result = new CacheRebuildResult(applied.Source.Count, applied.Inserted, applied.Updated, applied.Unchanged, overwritten, clock.Elapsed.TotalSeconds);
            await audit.RebuiltAsync(services, result, actor, time.GetUtcNow(), cancellationToken);
            return result;
        }
        finally
        {
            _one.Release();
        }
    }
}
