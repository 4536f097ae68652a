using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.CatalogService.Catalog;
using ProductCatalogOrders.CatalogService.Storage.Sqlite;
using ProductCatalogOrders.StoreContractTests.Fixtures;

namespace ProductCatalogOrders.StoreContractTests.Catalog;

public sealed class SqliteCatalogStoreTests : CatalogStoreContract
{
    private MigratedDatabase<CatalogDbContext>? _database;

    public override async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override async Task CreateStoreAsync() => _database = await MigratedDatabase<CatalogDbContext>.SqliteAsync();

    protected override async Task<T> UseAsync<T>(Func<ICatalogStore, IProductReplicaStore, Task<T>> action)
    {
        await using var db = _database!.Open();
        return await action(new SqliteCatalogStore(db), new ProductReplicaStore<CatalogDbContext>(db, Time));
    }

    protected override async Task<T> UseAuditAsync<T>(Func<IAuditTrail, Task<T>> action)
    {
        await using var db = _database!.Open();
        return await action(new DbAuditTrail(db));
    }
}
