using Microsoft.Extensions.Time.Testing;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.UnitTests.Replicas;

public sealed class ProductReplicaStoreTests : IAsyncLifetime
{
    private static readonly Guid ProductId = Guid.NewGuid();
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TestStore _store = new();
    private readonly FakeTimeProvider _time = new(Start);

    private static ProductCreated Created() => new(ProductId, 1, Start, new ProductState("SKU-1", "Apple", 1.50m, ProductStatus.Active));

    private static ProductUpdated Updated(long version, string name) =>
        new(ProductId, version, Start.AddMinutes(version), new ProductState("SKU-1", name, 2.00m, ProductStatus.Active));

    private static ProductDecommissioned Decommissioned(long version) =>
        new(ProductId, version, Start.AddMinutes(version), new ProductState("SKU-1", "Apple", 1.50m, ProductStatus.Decommissioning));

    [Fact]
    public async Task Created_event_inserts_the_replica()
    {
        Assert.Equal(ReplicaChange.Inserted, await ApplyAsync(Created()));

        var replica = await FindAsync();
        Assert.Equal(("SKU-1", "Apple", 1.50m, ProductStatus.Active, 1L), (replica.Sku, replica.Name, replica.Price, replica.Status, replica.Version));
        Assert.Equal(Start, replica.AppliedAt);
    }

    [Fact]
    public async Task Newer_event_replaces_the_replica()
    {
        await ApplyAsync(Created());

        Assert.Equal(ReplicaChange.Updated, await ApplyAsync(Updated(2, "Green apple")));

        var replica = await FindAsync();
        Assert.Equal(("Green apple", 2.00m, 2L), (replica.Name, replica.Price, replica.Version));
    }

    [Fact]
    public async Task Duplicate_event_changes_nothing()
    {
        await ApplyAsync(Created());
        await ApplyAsync(Decommissioned(2));

        Assert.Equal(ReplicaChange.IgnoredStale, await ApplyAsync(Decommissioned(2)));
        Assert.Equal((ProductStatus.Decommissioning, 2L), await StatusAndVersionAsync());
    }

    [Fact]
    public async Task Stale_update_never_brings_a_decommissioned_product_back()
    {
        await ApplyAsync(Created());
        await ApplyAsync(Decommissioned(3));

        Assert.Equal(ReplicaChange.IgnoredStale, await ApplyAsync(Updated(2, "Late rename")));

        var replica = await FindAsync();
        Assert.Equal((ProductStatus.Decommissioning, 3L, "Apple"), (replica.Status, replica.Version, replica.Name));
    }

    [Fact]
    public async Task Events_arriving_out_of_order_end_in_the_newest_state()
    {
        Assert.Equal(ReplicaChange.Inserted, await ApplyAsync(Decommissioned(2)));
        Assert.Equal(ReplicaChange.IgnoredStale, await ApplyAsync(Created()));

        Assert.Equal((ProductStatus.Decommissioning, 2L), await StatusAndVersionAsync());
    }

    [Fact]
    public async Task Concurrent_consumers_keep_the_highest_version()
    {
        var events = Enumerable.Range(1, 20).Select(v => (IProductEvent)Updated(v, $"Name {v}")).Reverse().ToList();

        await Task.WhenAll(events.Select(e => Task.Run(() => ApplyAsync(e), TestContext.Current.CancellationToken)));

        var replica = await FindAsync();
        Assert.Equal((20L, "Name 20"), (replica.Version, replica.Name));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private async Task<ReplicaChange> ApplyAsync(IProductEvent productEvent)
    {
        await using var db = _store.CreateContext();
        return await new ProductReplicaStore<TestDbContext>(db, _time).ApplyAsync(productEvent, TestContext.Current.CancellationToken);
    }

    private async Task<ProductReplica> FindAsync()
    {
        await using var db = _store.CreateContext();
        var replica = await new ProductReplicaStore<TestDbContext>(db, _time).FindAsync(ProductId, TestContext.Current.CancellationToken);
        return Assert.IsType<ProductReplica>(replica);
    }

    private async Task<(ProductStatus, long)> StatusAndVersionAsync()
    {
        var replica = await FindAsync();
        return (replica.Status, replica.Version);
    }
}
