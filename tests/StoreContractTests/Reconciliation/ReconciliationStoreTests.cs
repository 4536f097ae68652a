using ProductCatalogOrders.BuildingBlocks.Reconciliation;
using ProductCatalogOrders.CatalogService.Storage.Mongo;
using ProductCatalogOrders.CatalogService.Storage.Sqlite;
using ProductCatalogOrders.OrderService.Orders;
using ProductCatalogOrders.OrderService.Storage;
using ProductCatalogOrders.StoreContractTests.Fixtures;

namespace ProductCatalogOrders.StoreContractTests.Reconciliation;

/// <summary>The EF Core adapter on Order's real model and migrations, for one provider.</summary>
public abstract class RelationalReconciliationStoreTests<TContext> : ReconciliationStoreContract where TContext : OrdersDbContext
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

    protected override async Task<T> UseStoreAsync<T>(Func<IReconciliationStore, Task<T>> action)
    {
        await using var db = _database!.Open();
        return await action(new ReconciliationStore<OrdersDbContext>(db));
    }
}

public sealed class SqliteReconciliationStoreTests : RelationalReconciliationStoreTests<SqliteOrdersDbContext>
{
    protected override Task<MigratedDatabase<SqliteOrdersDbContext>> CreateDatabaseAsync() => MigratedDatabase<SqliteOrdersDbContext>.SqliteAsync();
}

public sealed class SqlServerReconciliationStoreTests(SqlServerServer server) : RelationalReconciliationStoreTests<SqlServerOrdersDbContext>
{
    protected override string? SkipReason => server.SkipReason;

    protected override Task<MigratedDatabase<SqlServerOrdersDbContext>> CreateDatabaseAsync() =>
        MigratedDatabase<SqlServerOrdersDbContext>.SqlServerAsync(server);
}

/// <summary>Catalog's SQLite store, whose migrations are its own.</summary>
public sealed class CatalogSqliteReconciliationStoreTests : ReconciliationStoreContract
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

    protected override async Task<T> UseStoreAsync<T>(Func<IReconciliationStore, Task<T>> action)
    {
        await using var db = _database!.Open();
        return await action(new ReconciliationStore<CatalogDbContext>(db));
    }
}

public sealed class MongoReconciliationStoreTests(MongoServer server) : ReconciliationStoreContract
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

    protected override Task<T> UseStoreAsync<T>(Func<IReconciliationStore, Task<T>> action) => action(new MongoReconciliationStore(_database!));
}
