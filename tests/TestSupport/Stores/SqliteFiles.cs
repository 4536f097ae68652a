using Microsoft.Data.Sqlite;

namespace ProductCatalogOrders.TestSupport.Stores;

/// <summary>A running service's SQLite file, opened read-only beside it (no pool, waiting out its writer).</summary>
public static class SqliteFiles
{
    public static async Task<SqliteConnection> OpenReadOnlyAsync(string file, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"The service's database {file} does not exist.", file);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 10000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
