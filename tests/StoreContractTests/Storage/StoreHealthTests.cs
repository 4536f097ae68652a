using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProductCatalogOrders.BuildingBlocks.Storage;
using ProductCatalogOrders.OrderService.Orders;
using ProductCatalogOrders.OrderService.Storage;

namespace ProductCatalogOrders.StoreContractTests.Storage;

/// <summary>The store check /health runs: healthy only on the service's own migrated database.</summary>
public sealed class StoreHealthTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_migrated_store_is_healthy()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pco-health-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = new SqliteOrdersDbContext(Options(file)))
            {
                await db.Database.MigrateAsync(Cancel);
            }

            var report = await CheckAsync(file);

            Assert.Equal(HealthStatus.Healthy, report.Entries[StoreHealth.Name].Status);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_store_that_cannot_be_opened_is_unhealthy()
    {
        var report = await CheckAsync(Path.Combine(Path.GetTempPath(), $"pco-missing-{Guid.NewGuid():N}", "orders.db"));

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries[StoreHealth.Name].Status);
    }

    [Fact]
    public async Task An_empty_database_that_is_not_the_services_own_is_unhealthy()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pco-empty-{Guid.NewGuid():N}.db");
        try
        {
            var report = await CheckAsync(file); // the connection creates an empty file with no migrations

            Assert.Equal(HealthStatus.Unhealthy, report.Entries[StoreHealth.Name].Status);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private static DbContextOptions<SqliteOrdersDbContext> Options(string file) =>
        new DbContextOptionsBuilder<SqliteOrdersDbContext>().UseSqlite($"Data Source={file}").Options;

    private static async Task<HealthReport> CheckAsync(string file)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDbContext<OrdersDbContext, SqliteOrdersDbContext>(options => options.UseSqlite($"Data Source={file}"));
        StoreHealth.AddRelational<OrdersDbContext>(services);
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Cancel);
    }
}
