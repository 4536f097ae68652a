using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.OrderService.Orders;
using ProductCatalogOrders.OrderService.Storage;
using ProductCatalogOrders.StoreContractTests.Fixtures;

namespace ProductCatalogOrders.StoreContractTests.Replicas;

/// <summary>The EF Core adapter on Order's real model and migrations, for one provider.</summary>
public abstract class RelationalProductReplicaStoreTests<TContext> : ProductReplicaStoreContract where TContext : OrdersDbContext
{
    private MigratedDatabase<TContext>? _database;

    public override async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected abstract Task<MigratedDatabase<TContext>> CreateDatabaseAsync();

    protected override async Task CreateStoreAsync() => _database = await CreateDatabaseAsync();

    protected override async Task<T> UseStoreAsync<T>(Func<IProductReplicaStore, Task<T>> action)
    {
        await using var db = _database!.Open();
        return await action(new ProductReplicaStore<OrdersDbContext>(db, Time));
    }
}

public sealed class SqliteProductReplicaStoreTests : RelationalProductReplicaStoreTests<SqliteOrdersDbContext>
{
    protected override Task<MigratedDatabase<SqliteOrdersDbContext>> CreateDatabaseAsync() => MigratedDatabase<SqliteOrdersDbContext>.SqliteAsync();
}

public sealed class SqlServerProductReplicaStoreTests(SqlServerServer server) : RelationalProductReplicaStoreTests<SqlServerOrdersDbContext>
{
    protected override string? SkipReason => server.SkipReason;

    protected override Task<MigratedDatabase<SqlServerOrdersDbContext>> CreateDatabaseAsync() =>
        MigratedDatabase<SqlServerOrdersDbContext>.SqlServerAsync(server);
}
