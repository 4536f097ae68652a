using ProductCatalogOrders.BuildingBlocks.Reconciliation;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.StoreContractTests.Reconciliation;

/// <summary>What every reconciliation store must do: keep exactly the report it is given, and keep checkpoints.</summary>
public abstract class ReconciliationStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    protected virtual string? SkipReason => null;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_report_is_replaced_whole_adding_updating_and_removing_findings()
    {
        var (kept, gone, added) = (Finding(FindingKind.Stale), Finding(FindingKind.Missing), Finding(FindingKind.Dangling));
        await UseStoreAsync(store => store.ReplaceFindingsAsync([kept, gone], Cancel));

        kept.LastSeenAt = Monday.AddHours(1);
        kept.References = 4;
        await UseStoreAsync(store => store.ReplaceFindingsAsync([kept, added], Cancel));

        var stored = (await UseStoreAsync(store => store.ListFindingsAsync(Cancel))).ToDictionary(f => f.ProductId);
        Assert.Equal(new[] { kept.ProductId, added.ProductId }.Order(), stored.Keys.Order());
        Assert.Equal((FindingKind.Stale, Monday, Monday.AddHours(1), 4, (long?)2, ProductStatus.Decommissioning),
            (stored[kept.ProductId].Kind, stored[kept.ProductId].FirstSeenAt, stored[kept.ProductId].LastSeenAt, stored[kept.ProductId].References,
                stored[kept.ProductId].SourceVersion, stored[kept.ProductId].SourceStatus));

        await UseStoreAsync(store => store.ReplaceFindingsAsync([], Cancel));
        Assert.Empty(await UseStoreAsync(store => store.ListFindingsAsync(Cancel)));
    }

    [Fact]
    public async Task A_checkpoint_is_absent_until_set_and_then_keeps_the_last_time()
    {
        Assert.Null(await UseStoreAsync(store => store.GetCheckpointAsync(ReplicaCheckpoint.Bootstrap, Cancel)));

        await UseStoreAsync(store => store.SetCheckpointAsync(ReplicaCheckpoint.Bootstrap, Monday, Cancel));
        await UseStoreAsync(store => store.SetCheckpointAsync(ReplicaCheckpoint.Bootstrap, Monday.AddMinutes(5), Cancel));

        Assert.Equal(Monday.AddMinutes(5), await UseStoreAsync(store => store.GetCheckpointAsync(ReplicaCheckpoint.Bootstrap, Cancel)));
        Assert.Null(await UseStoreAsync(store => store.GetCheckpointAsync(ReplicaCheckpoint.Reconciliation, Cancel)));
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

    /// <summary>Runs <paramref name="action"/> on a fresh adapter instance over this test's store.</summary>
    protected abstract Task<T> UseStoreAsync<T>(Func<IReconciliationStore, Task<T>> action);

    private Task UseStoreAsync(Func<IReconciliationStore, Task> action) => UseStoreAsync(async store =>
    {
        await action(store);
        return true;
    });

    private static ReconciliationFinding Finding(FindingKind kind) => new()
    {
        ProductId = Guid.NewGuid(),
        Kind = kind,
        Sku = $"SKU-{kind}",
        CacheVersion = 1,
        SourceVersion = 2,
        CacheStatus = ProductStatus.Active,
        SourceStatus = ProductStatus.Decommissioning,
        References = 1,
        FirstSeenAt = Monday,
        LastSeenAt = Monday,
    };
}
