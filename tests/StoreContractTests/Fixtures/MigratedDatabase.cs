using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Outbox;

namespace ProductCatalogOrders.StoreContractTests.Fixtures;

/// <summary>
/// A real database for one provider context type, created by that context's own migrations, as
/// the services create it at start-up. Tests open as many contexts on it as they need.
/// </summary>
public sealed class MigratedDatabase<TContext> : IAsyncDisposable where TContext : DbContext
{
    private readonly Action<DbContextOptionsBuilder> _provider;
    private readonly Func<MigratedDatabase<TContext>, Task> _cleanup;

    private MigratedDatabase(Action<DbContextOptionsBuilder> provider, Func<MigratedDatabase<TContext>, Task> cleanup)
    {
        _provider = provider;
        _cleanup = cleanup;
    }

    public static Task<MigratedDatabase<TContext>> SqliteAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pco-contract-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 30 }.ToString();
        return CreateAsync(
            options => options.UseSqlite(connectionString),
            _ =>
            {
                foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                {
                    File.Delete(path);
                }

                return Task.CompletedTask;
            },
            "PRAGMA journal_mode=WAL;");
    }

    public static Task<MigratedDatabase<TContext>> SqlServerAsync(SqlServerServer server)
    {
        var connectionString = server.NewDatabase();
        return CreateAsync(
            options => options.UseSqlServer(connectionString),
            async database =>
            {
                await using var db = database.Open();
                await db.Database.EnsureDeletedAsync();
            });
    }

    /// <summary>A new context on this database; with a signal, commits that write outbox rows wake it, as in the services.</summary>
    public TContext Open(OutboxSignal? signal = null)
    {
        var options = new DbContextOptionsBuilder<TContext>();
        _provider(options);
        if (signal is not null)
        {
            options.AddInterceptors(new OutboxCommitInterceptor(signal));
        }

        return (TContext)Activator.CreateInstance(typeof(TContext), options.Options)!;
    }

    public ValueTask DisposeAsync() => new(_cleanup(this));

    private static async Task<MigratedDatabase<TContext>> CreateAsync(
        Action<DbContextOptionsBuilder> provider, Func<MigratedDatabase<TContext>, Task> cleanup, string? afterMigration = null)
    {
        var database = new MigratedDatabase<TContext>(provider, cleanup);
        await using var db = database.Open();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        if (afterMigration is not null)
        {
            await db.Database.ExecuteSqlRawAsync(afterMigration, TestContext.Current.CancellationToken);
        }

        return database;
    }
}
