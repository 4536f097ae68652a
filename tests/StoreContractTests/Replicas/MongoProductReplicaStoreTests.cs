using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.CatalogService.Storage.Mongo;
using ProductCatalogOrders.StoreContractTests.Fixtures;

namespace ProductCatalogOrders.StoreContractTests.Replicas;

/// <summary>The catalog's MongoDB product cache.</summary>
public sealed class MongoProductReplicaStoreTests(MongoServer server) : ProductReplicaStoreContract
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

    protected override Task<T> UseStoreAsync<T>(Func<IProductReplicaStore, Task<T>> action) => action(new MongoProductCache(_database!, Time));
}
