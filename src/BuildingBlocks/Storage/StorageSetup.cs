using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ProductCatalogOrders.BuildingBlocks.Outbox;

namespace ProductCatalogOrders.BuildingBlocks.Storage;

public static class StorageSetup
{
    public const string ProviderSetting = "Storage:Provider";

    /// <summary>
    /// Registers the service's DbContext on the provider named by <c>Storage:Provider</c>
    /// (default Sqlite) and the connection string <c>ConnectionStrings:{connectionName}</c>.
    /// Without a connection string, the store is a SQLite file in the service's data folder.
    /// The schema is created before anything else starts.
    /// </summary>
    public static IHostApplicationBuilder AddServiceStore<TContext>(
        this IHostApplicationBuilder builder, string connectionName, string defaultFileName)
        where TContext : DbContext
    {
        var provider = builder.Configuration[ProviderSetting];
        if (!string.IsNullOrWhiteSpace(provider) && !provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new StartupFailure($"{ProviderSetting}: '{provider}' is not a supported store provider; use Sqlite.");
        }

        var setting = $"ConnectionStrings:{connectionName}";
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var file = Path.Combine(builder.Environment.ContentRootPath, "data", defaultFileName);
            connectionString = new SqliteConnectionStringBuilder { DataSource = file }.ToString();
        }

        var sqlite = ParseSqlite(setting, connectionString);

        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.TryAddSingleton<OutboxCommitInterceptor>();
        builder.Services.AddDbContext<TContext>((services, options) => options
            .UseSqlite(sqlite.ToString())
            .AddInterceptors(services.GetRequiredService<OutboxCommitInterceptor>()));

        // Hosted services start in registration order: the store is ready before the bus delivers.
        builder.Services.AddHostedService(services => new StoreInitializer<TContext>(services, setting, sqlite));
        return builder;
    }

    private static SqliteConnectionStringBuilder ParseSqlite(string setting, string connectionString)
    {
        try
        {
            var sqlite = new SqliteConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(sqlite.DataSource))
            {
                throw new StartupFailure($"{setting}: the SQLite connection string names no Data Source.");
            }

            // Writers wait for each other instead of failing with "database is locked".
            sqlite.DefaultTimeout = Math.Max(sqlite.DefaultTimeout, 30);
            return sqlite;
        }
        catch (ArgumentException exception)
        {
            throw new StartupFailure($"{setting}: not a valid SQLite connection string ({exception.Message}).", exception);
        }
    }
}
