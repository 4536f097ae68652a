using Microsoft.EntityFrameworkCore;

namespace ProductCatalogOrders.BuildingBlocks.Storage;

/// <summary>
/// After personal data is erased from a SQLite store, the old versions of its pages may still sit in
/// the write-ahead log. A truncating checkpoint copies the current pages into the database file
/// (where <c>secure_delete</c> has zeroed the erased content) and empties the log. It waits for
/// readers of older snapshots to finish. Other providers keep no such file; nothing is done there.
/// </summary>
public static class SqliteErasure
{
    public static async Task CheckpointAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
    }
}
