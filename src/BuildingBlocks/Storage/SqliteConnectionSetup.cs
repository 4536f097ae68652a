using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProductCatalogOrders.BuildingBlocks.Storage;

/// <summary>
/// Sets up each SQLite connection for a server, once per physical connection (a pooled connection
/// that is opened again keeps its settings):
/// <list type="bullet">
/// <item><c>busy_timeout</c>: SQLite itself waits for a competing writer, in steps of a few
/// milliseconds. Without it the provider's own retry sleeps 150 ms at a time, which showed up as a
/// 160 ms tail whenever the outbox dispatcher and a consumer wrote to the same file at once.</item>
/// <item><c>synchronous = NORMAL</c>: in WAL mode a commit no longer waits for an fsync of the log;
/// the log is synced at checkpoints. A committed transaction survives the process being killed;
/// a power cut or an operating-system crash may roll back the last transactions before the most
/// recent checkpoint, never corrupt the file. That is the local profile's trade; SQL Server is the
/// store for anything that must survive the machine.</item>
/// <item><c>secure_delete = ON</c>, in a store that holds personal data: deleted and overwritten
/// content is zeroed, so an erased customer does not linger in free space or free pages of the file
/// (see <see cref="SqliteErasure"/>). A store that holds none (ProductService's) skips the extra
/// writes.</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionSetup(bool secureDelete) : DbConnectionInterceptor
{
    private readonly string _pragmas = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;" + (secureDelete ? " PRAGMA secure_delete = ON;" : "");

    // Keyed by the native handle, which outlives a pooled SqliteConnection's open/close cycles.
    private readonly ConditionalWeakTable<object, object> _prepared = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (FirstOpen(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (FirstOpen(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _prepared.TryAdd(handle, handle);
}
