using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Storage;
using ProductCatalogOrders.ProductService.Storage;

namespace ProductCatalogOrders.StoreContractTests.Storage;

/// <summary>
/// Every SQLite connection the services open waits for a competing writer and commits without an fsync
/// per transaction; a store of personal data also zeroes what is deleted.
/// </summary>
public sealed class SqliteConnectionSetupTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Each_connection_waits_for_writers_and_syncs_at_checkpoints_also_when_reused_from_the_pool(bool secureDelete)
    {
        var file = Path.Combine(Path.GetTempPath(), $"pco-setup-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqliteProductsDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString())
            .AddInterceptors(new SqliteConnectionSetup(secureDelete))
            .Options;
        try
        {
            for (var open = 0; open < 3; open++) // the second and third opens reuse the pooled connection
            {
                await using var db = new SqliteProductsDbContext(options);
                Assert.Equal(30000, await PragmaAsync(db, "busy_timeout"));
                Assert.Equal(1, await PragmaAsync(db, "synchronous")); // 1 = NORMAL (2 = FULL, SQLite's default)

                // Zeroing deleted content only where personal data is kept (0 is SQLite's default).
                Assert.Equal(secureDelete ? 1 : 0, await PragmaAsync(db, "secure_delete"));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private static async Task<long> PragmaAsync(DbContext db, string pragma)
    {
        await db.Database.OpenConnectionAsync(Cancel);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"PRAGMA {pragma};";
            return Convert.ToInt64(await command.ExecuteScalarAsync(Cancel));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
