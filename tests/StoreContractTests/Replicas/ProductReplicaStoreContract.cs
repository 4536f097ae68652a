using Microsoft.Extensions.Time.Testing;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.StoreContractTests.Replicas;

/// <summary>
/// What every product-replica adapter must do: apply events through the version gate, so that
/// duplicates and reordering change nothing and concurrent consumers keep the newest version.
/// </summary>
public abstract class ProductReplicaStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid ProductId = Guid.NewGuid();

    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Why this adapter cannot be tested here (no engine for its server); null to run.</summary>
    protected virtual string? SkipReason => null;

    [Fact]
    public async Task Created_event_inserts_the_replica()
    {
        Assert.Equal(ReplicaChange.Inserted, await ApplyAsync(Created()));

        var replica = await FindAsync();
        Assert.Equal(("SKU-1", "Apple", 1.50m, ProductStatus.Active, 1L), (replica.Sku, replica.Name, replica.Price, replica.Status, replica.Version));
        Assert.Equal(Start, replica.AppliedAt);
        Assert.Equal(Start, replica.ChangedAt);
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
        var replica = await FindAsync();
        Assert.Equal((ProductStatus.Decommissioning, 2L), (replica.Status, replica.Version));
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

        var replica = await FindAsync();
        Assert.Equal((ProductStatus.Decommissioning, 2L), (replica.Status, replica.Version));
    }

    [Fact]
    public async Task Concurrent_consumers_keep_the_highest_version()
    {
        var events = Enumerable.Range(1, 20).Select(v => (IProductEvent)Updated(v, $"Name {v}")).Reverse().ToList();

        await Task.WhenAll(events.Select(e => Task.Run(() => ApplyAsync(e), TestContext.Current.CancellationToken)));

        var replica = await FindAsync();
        Assert.Equal((20L, "Name 20"), (replica.Version, replica.Name));
    }

    [Fact]
    public async Task Racing_first_events_for_an_unknown_product_keep_the_newer_one()
    {
        // Created and Decommissioned arrive at once on their own queues; both find no copy and both insert.
        for (var round = 0; round < 10; round++)
        {
            var id = Guid.NewGuid();
            var created = new ProductCreated(id, 1, Start, new ProductState("SKU-R", "Race", 1m, ProductStatus.Active));
            var decommissioned = new ProductDecommissioned(id, 2, Start, new ProductState("SKU-R", "Race", 1m, ProductStatus.Decommissioning));

            await Task.WhenAll(
                Task.Run(() => UseStoreAsync(store => store.ApplyAsync(created, TestContext.Current.CancellationToken)), TestContext.Current.CancellationToken),
                Task.Run(() => UseStoreAsync(store => store.ApplyAsync(decommissioned, TestContext.Current.CancellationToken)), TestContext.Current.CancellationToken));

            var replica = await UseStoreAsync(store => store.FindAsync(id, TestContext.Current.CancellationToken));
            Assert.Equal((2L, ProductStatus.Decommissioning), (replica!.Version, replica.Status));
        }
    }

    [Fact]
    public async Task Status_only_update_keeps_the_snapshot_a_shallow_reference_needs()
    {
        await ApplyAsync(Created());
        var purge = new ProductPurged(ProductId, 5, Start.AddDays(120), new ProductState("SKU-1", "", 0m, ProductStatus.Purged));

        Assert.Equal(ReplicaChange.Updated, await UseStoreAsync(store => store.ApplyStatusOnlyAsync(purge, TestContext.Current.CancellationToken)));
        Assert.Equal(ReplicaChange.IgnoredStale, await UseStoreAsync(store => store.ApplyStatusOnlyAsync(purge, TestContext.Current.CancellationToken)));

        var replica = await FindAsync();
        Assert.Equal(("SKU-1", "Apple", 1.50m, ProductStatus.Purged, 5L), (replica.Sku, replica.Name, replica.Price, replica.Status, replica.Version));
    }

    [Fact]
    public async Task One_batch_applies_every_event_through_the_gate_in_order()
    {
        var other = Guid.NewGuid();
        ReplicaWrite[] batch =
        [
            new(Created()),
            new(Decommissioned(2)),
            new(Updated(1, "Duplicate of the creation")),
            new(new ProductCreated(other, 1, Start, new ProductState("SKU-2", "Pear", 3m, ProductStatus.Active))),
            new(Updated(2, "Same version as the decommission")),
        ];

        var changes = await UseStoreAsync(store => store.ApplyAsync(batch, TestContext.Current.CancellationToken));

        Assert.Equal([ReplicaChange.Inserted, ReplicaChange.Updated, ReplicaChange.IgnoredStale, ReplicaChange.Inserted, ReplicaChange.IgnoredStale], changes);
        var replica = await FindAsync();
        Assert.Equal((ProductStatus.Decommissioning, 2L, "Apple"), (replica.Status, replica.Version, replica.Name));
        Assert.Equal("Pear", (await UseStoreAsync(store => store.FindAsync(other, TestContext.Current.CancellationToken)))!.Name);
    }

    [Fact]
    public async Task Applied_at_is_stamped_once_the_batch_is_written()
    {
        await ApplyAsync(Created());
        Time.Advance(TimeSpan.FromSeconds(5));

        await ApplyAsync(Decommissioned(2));

        var replica = await FindAsync();
        Assert.Equal(Start.AddSeconds(5), replica.AppliedAt);
        Assert.Equal(Start.AddMinutes(2), replica.ChangedAt);
    }

    [Fact]
    public async Task Entries_list_every_copy_with_its_version_and_status()
    {
        var other = Guid.NewGuid();
        await ApplyAsync(Created());
        await ApplyAsync(Decommissioned(2));
        await ApplyAsync(new ProductCreated(other, 1, Start, new ProductState("SKU-2", "Pear", 3m, ProductStatus.Active)));

        var entries = await UseStoreAsync(store => store.ListEntriesAsync(TestContext.Current.CancellationToken));

        Assert.Equal(
            [new ReplicaEntry(ProductId, "SKU-1", ProductStatus.Decommissioning, 2), new ReplicaEntry(other, "SKU-2", ProductStatus.Active, 1)],
            entries.OrderBy(e => e.Sku));
    }

    [Fact]
    public async Task Overwrite_replaces_a_copy_ahead_of_the_source_only_at_the_version_it_was_found_at()
    {
        await ApplyAsync(Created());
        await ApplyAsync(Updated(50, "Forged"));
        var source = new ReplicaWrite(Updated(3, "Source's own"));

        Assert.False(await UseStoreAsync(store => store.OverwriteAsync(source, expectedVersion: 49, TestContext.Current.CancellationToken)));
        Assert.Equal((50L, "Forged"), ((await FindAsync()).Version, (await FindAsync()).Name));

        Assert.True(await UseStoreAsync(store => store.OverwriteAsync(source, expectedVersion: 50, TestContext.Current.CancellationToken)));
        var replica = await FindAsync();
        Assert.Equal((3L, "Source's own", ProductStatus.Active), (replica.Version, replica.Name, replica.Status));

        // Back under the gate: the next real event applies.
        Assert.Equal(ReplicaChange.Updated, await ApplyAsync(Decommissioned(4)));
    }

    [Fact]
    public async Task Unknown_product_is_not_found() =>
        Assert.Null(await UseStoreAsync(store => store.FindAsync(Guid.NewGuid(), TestContext.Current.CancellationToken)));

    public async ValueTask InitializeAsync()
    {
        if (SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        await CreateStoreAsync();
    }

    public abstract ValueTask DisposeAsync();

    /// <summary>Creates this test's empty store.</summary>
    protected abstract Task CreateStoreAsync();

    /// <summary>Runs <paramref name="action"/> on a fresh adapter instance over this test's store.</summary>
    protected abstract Task<T> UseStoreAsync<T>(Func<IProductReplicaStore, Task<T>> action);

    private static ProductCreated Created() => new(ProductId, 1, Start, new ProductState("SKU-1", "Apple", 1.50m, ProductStatus.Active));

    private static ProductUpdated Updated(long version, string name) =>
        new(ProductId, version, Start.AddMinutes(version), new ProductState("SKU-1", name, 2.00m, ProductStatus.Active));

    private static ProductDecommissioned Decommissioned(long version) =>
        new(ProductId, version, Start.AddMinutes(version), new ProductState("SKU-1", "Apple", 1.50m, ProductStatus.Decommissioning));

    private Task<ReplicaChange> ApplyAsync(IProductEvent productEvent) =>
        UseStoreAsync(store => store.ApplyAsync(productEvent, TestContext.Current.CancellationToken));

    private async Task<ProductReplica> FindAsync()
    {
        var replica = await UseStoreAsync(store => store.FindAsync(ProductId, TestContext.Current.CancellationToken));
        return Assert.IsType<ProductReplica>(replica);
    }
}
