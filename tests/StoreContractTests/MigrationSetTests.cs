using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.CatalogService.Storage.Sqlite;
using ProductCatalogOrders.ErasureService.Storage;
using ProductCatalogOrders.OrderService.Storage;
using ProductCatalogOrders.ProductService.Storage;
using ProductCatalogOrders.StoreContractTests.Fixtures;

namespace ProductCatalogOrders.StoreContractTests;

/// <summary>
/// Every migration set matches its model: a model change without a new migration fails here,
/// for SQL Server as much as for SQLite. Checking needs the provider, not a server.
/// </summary>
public sealed class MigrationSetTests
{
    public static TheoryData<string> Contexts => [.. Factories.Keys];

    private static readonly Dictionary<string, Func<DbContext>> Factories = new()
    {
        [nameof(SqliteProductsDbContext)] = () => new SqliteProductsDbContext(Sqlite<SqliteProductsDbContext>()),
        [nameof(SqlServerProductsDbContext)] = () => new SqlServerProductsDbContext(SqlServer<SqlServerProductsDbContext>()),
        [nameof(SqliteOrdersDbContext)] = () => new SqliteOrdersDbContext(Sqlite<SqliteOrdersDbContext>()),
        [nameof(SqlServerOrdersDbContext)] = () => new SqlServerOrdersDbContext(SqlServer<SqlServerOrdersDbContext>()),
        [nameof(CatalogDbContext)] = () => new CatalogDbContext(Sqlite<CatalogDbContext>()),
        [nameof(SqliteErasureDbContext)] = () => new SqliteErasureDbContext(Sqlite<SqliteErasureDbContext>()),
        [nameof(SqlServerErasureDbContext)] = () => new SqlServerErasureDbContext(SqlServer<SqlServerErasureDbContext>()),
    };

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Migration_set_matches_the_model(string context)
    {
        using var db = Factories[context]();

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"{context} has model changes without a migration; add one with dotnet ef migrations add.");
    }

    [Fact]
    public async Task Sqlite_migrations_build_a_store_with_nothing_left_to_apply()
    {
        await using var database = await MigratedDatabase<SqliteOrdersDbContext>.SqliteAsync();
        await using var db = database.Open();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
    }

    private static DbContextOptions<T> Sqlite<T>() where T : DbContext =>
        new DbContextOptionsBuilder<T>().UseSqlite("Data Source=:memory:").Options;

    private static DbContextOptions<T> SqlServer<T>() where T : DbContext =>
        new DbContextOptionsBuilder<T>().UseSqlServer("Server=unused;Database=unused").Options;
}
