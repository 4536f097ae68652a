using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.BuildingBlocks.Reconciliation;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.UnitTests.Reconciliation;

public sealed class CacheComparisonTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<Guid, int> NoReferences = [];

    [Fact]
    public void A_copy_equal_to_the_source_is_no_finding()
    {
        var product = Source("SKU-1", 3);

        Assert.Empty(CacheComparison.Compare([Entry(product, 3)], Snapshot(product), NoReferences));
    }

    [Fact]
    public void Each_divergence_is_reported_with_its_kind_and_both_versions()
    {
        var (stale, ahead, missing) = (Source("SKU-S", 5), Source("SKU-A", 2), Source("SKU-M", 1));
        var unknown = new ReplicaEntry(Guid.NewGuid(), "SKU-GONE", ProductStatus.Active, 4);
        var references = new Dictionary<Guid, int> { [unknown.ProductId] = 2, [stale.Id] = 1 };

        var found = CacheComparison.Compare([Entry(stale, 3), Entry(ahead, 90), unknown], Snapshot(stale, ahead, missing), references)
            .ToDictionary(d => d.ProductId);

        Assert.Equal(4, found.Count);
        Assert.Equal((FindingKind.Stale, 3L, 5L, 1), (found[stale.Id].Kind, found[stale.Id].CacheVersion, found[stale.Id].SourceVersion, found[stale.Id].References));
        Assert.Equal((FindingKind.Ahead, 90L, 2L), (found[ahead.Id].Kind, found[ahead.Id].CacheVersion, found[ahead.Id].SourceVersion));
        Assert.Equal((FindingKind.Missing, (long?)null, 1L, "SKU-M"), (found[missing.Id].Kind, found[missing.Id].CacheVersion, found[missing.Id].SourceVersion, found[missing.Id].Sku));
        Assert.Equal((FindingKind.Dangling, "SKU-GONE", 2, (long?)null), (found[unknown.ProductId].Kind, found[unknown.ProductId].Sku, found[unknown.ProductId].References, found[unknown.ProductId].SourceVersion));
    }

    [Fact]
    public void A_record_referencing_a_product_nobody_knows_is_dangling_without_a_copy()
    {
        var nowhere = Guid.NewGuid();

        var found = Assert.Single(CacheComparison.Compare([], Snapshot(), new Dictionary<Guid, int> { [nowhere] = 3 }));

        Assert.Equal((nowhere, FindingKind.Dangling, 3, (long?)null), (found.ProductId, found.Kind, found.References, found.CacheVersion));
    }

    [Fact]
    public void A_stale_or_missing_copy_that_caught_up_meanwhile_is_dropped_and_the_rest_kept()
    {
        var (late, lost, forged) = (Source("SKU-L", 4), Source("SKU-X", 2), Source("SKU-F", 1));
        var found = CacheComparison.Compare([Entry(late, 3), Entry(forged, 9)], Snapshot(late, lost, forged), NoReferences);

        var kept = CacheComparison.StillDiverging(found, new Dictionary<Guid, ReplicaEntry> { [late.Id] = Entry(late, 4), [forged.Id] = Entry(forged, 9) });

        Assert.Equal([(forged.Id, FindingKind.Ahead), (lost.Id, FindingKind.Missing)], kept.Select(d => (d.ProductId, d.Kind)).OrderBy(k => k.Kind));
    }

    [Fact]
    public void A_finding_seen_again_keeps_its_first_sighting_a_new_kind_starts_over_and_a_gone_one_is_removed()
    {
        var (same, changed, gone) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var before = new[] { Finding(same, FindingKind.Stale, Monday), Finding(changed, FindingKind.Stale, Monday), Finding(gone, FindingKind.Missing, Monday) };
        var later = Monday.AddHours(5);

        var merged = CacheComparison.Merge(before, [Divergence(same, FindingKind.Stale), Divergence(changed, FindingKind.Ahead)], later)
            .ToDictionary(f => f.ProductId);

        Assert.Equal(2, merged.Count);
        Assert.Equal((Monday, later), (merged[same].FirstSeenAt, merged[same].LastSeenAt));
        Assert.Equal((FindingKind.Ahead, later), (merged[changed].Kind, merged[changed].FirstSeenAt));
        Assert.DoesNotContain(gone, merged.Keys);
    }

    private static SourceProduct Source(string sku, long version) =>
        new(Guid.NewGuid(), sku, "Apple", 1.5m, ProductStatus.Active, version, Monday);

    private static Dictionary<Guid, SourceProduct> Snapshot(params SourceProduct[] products) => products.ToDictionary(p => p.Id);

    private static ReplicaEntry Entry(SourceProduct product, long version) => new(product.Id, product.Sku, product.Status, version);

    private static ReconciliationFinding Finding(Guid productId, FindingKind kind, DateTimeOffset firstSeen) =>
        new() { ProductId = productId, Kind = kind, Sku = "SKU", FirstSeenAt = firstSeen, LastSeenAt = firstSeen };

    private static Divergence Divergence(Guid productId, FindingKind kind) => new(productId, "SKU", kind, 1, 2, ProductStatus.Active, ProductStatus.Active, 0);
}
