using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ProductCatalogOrders.BuildingBlocks.Storage;

/// <summary>Creates the schema at start-up and turns any failure into one line naming the setting.</summary>
public sealed class StoreInitializer<TContext>(IServiceProvider services, string setting, SqliteConnectionStringBuilder sqlite)
    : IHostedService where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (sqlite.Mode != SqliteOpenMode.Memory && Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            await db.Database.EnsureCreatedAsync(cancellationToken);

            // Readers no longer block the single writer; the outbox dispatcher reads while requests write.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not StartupFailure)
        {
            throw new StartupFailure($"{setting}: cannot open the store at '{sqlite.DataSource}' ({exception.Message}).", exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
