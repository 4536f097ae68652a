using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProductCatalogOrders.BuildingBlocks.Storage;

/// <summary>
/// Lets SQLite itself wait for a competing writer, in steps of a few milliseconds. Without it the
/// provider's own retry sleeps 150 ms at a time, which showed up as a 160 ms tail whenever the
/// outbox dispatcher and a consumer wrote to the same file at once.
/// </summary>
public sealed class SqliteBusyTimeoutInterceptor : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
