using Microsoft.Extensions.Time.Testing;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.CatalogService.Catalog;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.StoreContractTests.Catalog;

/// <summary>
/// What every catalog adapter must do: one listing per product and category, and a catalog that
/// shows Active products only, with name and price from the product cache beside it.
/// </summary>
public abstract class CatalogStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Why this adapter cannot be tested here (no engine for its server); null to run.</summary>
    protected virtual string? SkipReason => null;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Listed_item_of_an_Active_product_appears_with_the_cached_name_and_price()
    {
        var product = await CacheAsync("SKU-B", "Banana", 0.25m);
        var item = Item(product, "fruit");

        Assert.True(await UseAsync((catalog, _) => catalog.TryAddItemAsync(item, null, Cancel)));

        var listing = Assert.Single(await UseAsync((catalog, _) => catalog.ListActiveAsync(null, 1000, Cancel)));
        Assert.Equal(new CatalogItemResponse(item.Id, product, "SKU-B", "Banana", 0.25m, "fruit"), listing);
    }

    [Fact]
    public async Task Second_listing_in_the_same_category_is_refused()
    {
        var product = await CacheAsync("SKU-B", "Banana", 0.25m);
        await UseAsync((catalog, _) => catalog.TryAddItemAsync(Item(product, "fruit"), null, Cancel));

        Assert.False(await UseAsync((catalog, _) => catalog.TryAddItemAsync(Item(product, "fruit"), null, Cancel)));
        Assert.True(await UseAsync((catalog, _) => catalog.TryAddItemAsync(Item(product, "snacks"), null, Cancel)));
        Assert.Equal(2, (await UseAsync((catalog, _) => catalog.ListActiveAsync(null, 1000, Cancel))).Count);
    }

    [Fact]
    public async Task Decommissioned_product_leaves_the_listing_but_stays_cached()
    {
        var kept = await CacheAsync("SKU-A", "Apple", 1.50m);
        var gone = await CacheAsync("SKU-B", "Banana", 0.25m);
        await UseAsync((catalog, _) => catalog.TryAddItemAsync(Item(kept, "fruit"), null, Cancel));
        await UseAsync((catalog, _) => catalog.TryAddItemAsync(Item(gone, "fruit"), null, Cancel));

        await UseAsync((_, cache) => cache.ApplyAsync(
            new ProductDecommissioned(gone, 2, Start.AddDays(1), new ProductState("SKU-B", "Banana", 0.25m, ProductStatus.Decommissioning)), Cancel));

        var listing = await UseAsync((catalog, _) => catalog.ListActiveAsync(null, 1000, Cancel));
        Assert.Equal([kept], listing.Select(l => l.ProductId));
        var tombstone = await UseAsync((_, cache) => cache.FindAsync(gone, Cancel));
        Assert.Equal(ProductStatus.Decommissioning, tombstone?.Status);
    }

    [Fact]
    public async Task Removing_a_purged_products_items_takes_every_category_and_is_idempotent()
    {
        var purged = await CacheAsync("SKU-A", "Apple", 1.50m);
        var kept = await CacheAsync("SKU-B", "Banana", 0.25m);
        foreach (var (product, category) in new[] { (purged, "fruit"), (purged, "snacks"), (kept, "fruit") })
        {
            await UseAsync((catalog, _) => catalog.TryAddItemAsync(Item(product, category), null, Cancel));
        }

        Assert.Equal(2, await UseAsync((catalog, _) => catalog.RemoveItemsOfProductAsync(purged, null, Cancel)));
        Assert.Equal(0, await UseAsync((catalog, _) => catalog.RemoveItemsOfProductAsync(purged, null, Cancel)));
        Assert.Equal([kept], (await UseAsync((catalog, _) => catalog.ListActiveAsync(null, 1000, Cancel))).Select(l => l.ProductId));
    }

    [Fact]
    public async Task Listing_is_ordered_by_sku_then_category()
    {
        var b = await CacheAsync("SKU-B", "Banana", 0.25m);
        var a = await CacheAsync("SKU-A", "Apple", 1.50m);
        foreach (var (product, category) in new[] { (b, "fruit"), (a, "snacks"), (a, "fruit") })
        {
            await UseAsync((catalog, _) => catalog.TryAddItemAsync(Item(product, category), null, Cancel));
        }

        var listing = await UseAsync((catalog, _) => catalog.ListActiveAsync(null, 1000, Cancel));

        Assert.Equal(["SKU-A/fruit", "SKU-A/snacks", "SKU-B/fruit"], listing.Select(l => $"{l.Sku}/{l.Category}"));
    }

    [Fact]
    public async Task Listing_continues_after_a_key_and_takes_no_more_than_asked()
    {
        var b = await CacheAsync("SKU-B", "Banana", 0.25m);
        var a = await CacheAsync("SKU-A", "Apple", 1.50m);
        foreach (var (product, category) in new[] { (b, "fruit"), (a, "snacks"), (a, "fruit"), (b, "tropical") })
        {
            await UseAsync((catalog, _) => catalog.TryAddItemAsync(Item(product, category), null, Cancel));
        }

        var first = await UseAsync((catalog, _) => catalog.ListActiveAsync(null, 2, Cancel));
        var rest = await UseAsync((catalog, _) => catalog.ListActiveAsync(CatalogKey.Of(first[^1]), 2, Cancel));
        var midSku = await UseAsync((catalog, _) => catalog.ListActiveAsync(new CatalogKey("SKU-A", "fruit"), 10, Cancel));

        Assert.Equal(["SKU-A/fruit", "SKU-A/snacks"], first.Select(l => $"{l.Sku}/{l.Category}"));
        Assert.Equal(["SKU-B/fruit", "SKU-B/tropical"], rest.Select(l => $"{l.Sku}/{l.Category}"));
        Assert.Equal(["SKU-A/snacks", "SKU-B/fruit", "SKU-B/tropical"], midSku.Select(l => $"{l.Sku}/{l.Category}"));
    }

    [Fact]
    public async Task Each_change_is_audited_with_it_and_a_refused_or_empty_change_writes_no_entry()
    {
        var product = await CacheAsync("SKU-A", "Apple", 1.50m);
        var listed = Item(product, "fruit");
        Assert.True(await UseAsync((catalog, _) => catalog.TryAddItemAsync(listed, Entry("list", listed.Id), Cancel)));
        Assert.False(await UseAsync((catalog, _) => catalog.TryAddItemAsync(Item(product, "fruit"), Entry("list", Guid.NewGuid()), Cancel)));
        Assert.Equal(1, await UseAsync((catalog, _) => catalog.RemoveItemsOfProductAsync(product, n => Entry("purge", product, $"{n} removed"), Cancel)));
        Assert.Equal(0, await UseAsync((catalog, _) => catalog.RemoveItemsOfProductAsync(product, n => Entry("purge", product, $"{n} removed"), Cancel)));

        var all = await UseAuditAsync(trail => trail.ListAsync(null, null, 10, Cancel));
        var afterFirst = await UseAuditAsync(trail => trail.ListAsync(null, all[0].Sequence, 10, Cancel));
        var ofProduct = await UseAuditAsync(trail => trail.ListAsync(product.ToString(), null, 10, Cancel));

        Assert.Equal([("list", listed.Id.ToString(), (string?)null), ("purge", product.ToString(), "1 removed")],
            all.Select(e => (e.Action, e.ResourceId, e.Detail)).ToArray());
        Assert.All(all, e => Assert.Equal("u-test", e.Actor));
        Assert.True(all[0].Sequence < all[1].Sequence);
        Assert.Equal([all[1].Sequence], afterFirst.Select(e => e.Sequence));
        Assert.Equal([all[1].Sequence], ofProduct.Select(e => e.Sequence));
    }

    public async ValueTask InitializeAsync()
    {
        if (SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        await CreateStoreAsync();
    }

    public abstract ValueTask DisposeAsync();

    protected abstract Task CreateStoreAsync();

    /// <summary>Runs <paramref name="action"/> on fresh adapter instances over this test's store.</summary>
    protected abstract Task<T> UseAsync<T>(Func<ICatalogStore, IProductReplicaStore, Task<T>> action);

    /// <summary>Runs <paramref name="action"/> on a fresh reader of this test's audit trail.</summary>
    protected abstract Task<T> UseAuditAsync<T>(Func<IAuditTrail, Task<T>> action);

    private AuditEntry Entry(string action, Guid resource, string? detail = null) =>
        AuditEntry.Of("u-test", action, "test", resource, Time.GetUtcNow(), detail);

    private async Task<Guid> CacheAsync(string sku, string name, decimal price)
    {
        var id = Guid.NewGuid();
        await UseAsync((_, cache) => cache.ApplyAsync(new ProductCreated(id, 1, Start, new ProductState(sku, name, price, ProductStatus.Active)), Cancel));
        return id;
    }

    private CatalogItem Item(Guid productId, string category) =>
        new() { Id = Guid.NewGuid(), ProductId = productId, Category = category, CreatedAt = Time.GetUtcNow() };
}
