using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.CatalogService.Catalog;
using ProductCatalogOrders.CatalogService.Storage.Mongo;
using ProductCatalogOrders.StoreContractTests.Fixtures;

namespace ProductCatalogOrders.StoreContractTests.Catalog;

public sealed class MongoCatalogStoreTests(MongoServer server) : CatalogStoreContract
{
    private CatalogMongoDatabase? _database;

    protected override string? SkipReason => server.SkipReason;

    public override async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await server.DropAsync(_database);
        }
    }

    protected override async Task CreateStoreAsync() => _database = await server.NewDatabaseAsync();

    protected override Task<T> UseAsync<T>(Func<ICatalogStore, IProductReplicaStore, Task<T>> action) =>
        action(new MongoCatalogStore(_database!), new MongoProductCache(_database!, Time));

    protected override Task<T> UseAuditAsync<T>(Func<IAuditTrail, Task<T>> action) => action(new MongoAuditTrail(_database!));
}
