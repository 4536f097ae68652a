using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>What applying the snapshot did: products read, copies inserted or updated, and those left alone because the copy was as new or newer.</summary>
public sealed record SnapshotApplied(IReadOnlyDictionary<Guid, SourceProduct> Source, int Inserted, int Updated, int Unchanged);

/// <summary>
/// Brings the cache up to ProductService's snapshot, page by page, every product through the same
/// version gate and the same writer as the events: a copy an event made newer while the snapshot was
/// read stays as it is, so nothing is ever resurrected, and events keep flowing while it runs.
/// </summary>
public sealed class SnapshotApplication(ProductReplicaWriter writer, IServiceScopeFactory scopes)
{
    public async Task<SnapshotApplied> ApplyAsync(ProductSnapshot snapshot, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var purged = scope.ServiceProvider.GetService<IPurgedReferences>();
        var source = new Dictionary<Guid, SourceProduct>();
        var (inserted, updated, unchanged) = (0, 0, 0);
        await foreach (var page in snapshot.ReadPagesAsync(cancellationToken))
        {
            // Submitted together, so the writer commits them in a few transactions rather than one each.
            var changes = await Task.WhenAll(page.Select(p => writer.ApplyAsync(p.ToWrite(purged?.KeepCopyOnPurge ?? false), cancellationToken)));
            for (var i = 0; i < page.Count; i++)
            {
                source[page[i].Id] = page[i];
                switch (changes[i])
                {
                    case ReplicaChange.Inserted: inserted++; break;
                    case ReplicaChange.Updated: updated++; break;
                    default: unchanged++; break;
                }

                if (page[i].Status == ProductStatus.Purged && changes[i] != ReplicaChange.IgnoredStale && purged is not null)
                {
                    await purged.ReleaseAsync(page[i].Id, page[i].Sku, cancellationToken);
                }
            }
        }

        return new SnapshotApplied(source, inserted, updated, unchanged);
    }
}
