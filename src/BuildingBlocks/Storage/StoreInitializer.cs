using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ProductCatalogOrders.BuildingBlocks.Storage;

/// <summary>Applies the store's migrations at start-up and turns any failure into one line naming the setting.</summary>
public sealed class StoreInitializer<TContext>(
    IServiceProvider services, string setting, string description, SqliteConnectionStringBuilder? sqlite) : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (sqlite is { Mode: not SqliteOpenMode.Memory } && Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            await db.Database.MigrateAsync(cancellationToken);

            if (sqlite is not null)
            {
                // Readers no longer block the single writer; the outbox dispatcher reads while requests write.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not StartupFailure)
        {
            throw new StartupFailure($"{setting}: cannot open {description} ({exception.GetBaseException().Message}).", exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
