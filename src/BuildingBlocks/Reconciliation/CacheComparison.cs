using ProductCatalogOrders.BuildingBlocks.ProductReplicas;

namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>
/// The reconciliation rules, without a host: the cache, the local references and the source compared
/// product by product; and a new run's divergences merged into the report so a finding keeps the
/// moment it was first seen.
/// </summary>
public static class CacheComparison
{
    public static IReadOnlyList<Divergence> Compare(
        IReadOnlyCollection<ReplicaEntry> cache, IReadOnlyDictionary<Guid, SourceProduct> source, IReadOnlyDictionary<Guid, int> references)
    {
        var found = new List<Divergence>();
        var cached = new HashSet<Guid>();
        foreach (var entry in cache)
        {
            cached.Add(entry.ProductId);
            var referenced = references.GetValueOrDefault(entry.ProductId);
            if (!source.TryGetValue(entry.ProductId, out var product))
            {
                found.Add(new(entry.ProductId, entry.Sku, FindingKind.Dangling, entry.Version, null, entry.Status, null, referenced));
            }
            else if (entry.Version != product.Version)
            {
                var kind = entry.Version < product.Version ? FindingKind.Stale : FindingKind.Ahead;
                found.Add(new(entry.ProductId, entry.Sku, kind, entry.Version, product.Version, entry.Status, product.Status, referenced));
            }
        }

        foreach (var product in source.Values.Where(p => !cached.Contains(p.Id)))
        {
            found.Add(new(product.Id, product.Sku, FindingKind.Missing, null, product.Version, null, product.Status, references.GetValueOrDefault(product.Id)));
        }

        // Records that reference a product neither the cache nor the source knows (possible where no
        // foreign key ties them to the cache, as under MongoDB).
        foreach (var (productId, count) in references.Where(r => r.Value > 0 && !cached.Contains(r.Key) && !source.ContainsKey(r.Key)))
        {
            found.Add(new(productId, "", FindingKind.Dangling, null, null, null, null, count));
        }

        return found;
    }

    /// <summary>
    /// Keeps a product only where a later look still diverges the same way: a stale or missing copy
    /// may only have been waiting for an event in flight while the snapshot was read.
    /// </summary>
    public static IReadOnlyList<Divergence> StillDiverging(IReadOnlyList<Divergence> found, IReadOnlyDictionary<Guid, ReplicaEntry> cacheNow) =>
        found.Where(d => d.Kind switch
        {
            FindingKind.Stale or FindingKind.Missing => !cacheNow.TryGetValue(d.ProductId, out var now) || now.Version < d.SourceVersion,
            _ => true,
        }).ToList();

    /// <summary>The report after a run: what the run saw, each with its first sighting kept from the report before (same product, same kind).</summary>
    public static IReadOnlyList<ReconciliationFinding> Merge(
        IReadOnlyCollection<ReconciliationFinding> previous, IReadOnlyList<Divergence> observed, DateTimeOffset now)
    {
        var before = previous.ToDictionary(f => f.ProductId);
        return observed.Select(d => new ReconciliationFinding
        {
            ProductId = d.ProductId,
            Kind = d.Kind,
            Sku = d.Sku,
            CacheVersion = d.CacheVersion,
            SourceVersion = d.SourceVersion,
            CacheStatus = d.CacheStatus,
            SourceStatus = d.SourceStatus,
            References = d.References,
            FirstSeenAt = before.TryGetValue(d.ProductId, out var seen) && seen.Kind == d.Kind ? seen.FirstSeenAt : now,
            LastSeenAt = now,
        }).ToList();
    }
}
