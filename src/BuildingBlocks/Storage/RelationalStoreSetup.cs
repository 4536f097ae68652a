using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ProductCatalogOrders.BuildingBlocks.Outbox;

namespace ProductCatalogOrders.BuildingBlocks.Storage;

/// <summary>
/// Registers a service's EF Core store. One model (<typeparamref name="TContext"/>) serves every
/// provider; each provider has a derived context type that owns its own migration set, as EF Core
/// requires when one model is migrated on two providers. Start-up applies the migrations.
/// </summary>
public static class RelationalStoreSetup
{
    /// <summary>
    /// A store that runs on SQLite (default) or SQL Server, chosen by <c>Storage:Provider</c>. Only a
    /// store that holds no personal data passes <paramref name="holdsPersonalData"/> false: on SQLite,
    /// deleted content is then left in free space instead of being zeroed.
    /// </summary>
    public static IHostApplicationBuilder AddRelationalStore<TContext, TSqlite, TSqlServer>(
        this IHostApplicationBuilder builder, string connectionName, string defaultFileName, bool holdsPersonalData = true)
        where TContext : DbContext
        where TSqlite : TContext
        where TSqlServer : TContext
    {
        var provider = StoreProviderSetting.Resolve(builder.Configuration, StoreProvider.Sqlite, StoreProvider.SqlServer);
        return provider == StoreProvider.SqlServer
            ? builder.AddSqlServerStore<TContext, TSqlServer>(connectionName)
            : builder.AddSqliteStore<TContext, TSqlite>(connectionName, defaultFileName, holdsPersonalData);
    }

    /// <summary>A store that runs on SQLite only (where another provider, such as MongoDB, has its own adapter).</summary>
    public static IHostApplicationBuilder AddSqliteStore<TContext, TSqlite>(
        this IHostApplicationBuilder builder, string connectionName, string defaultFileName, bool holdsPersonalData = true)
        where TContext : DbContext
        where TSqlite : TContext
    {
        var setting = $"ConnectionStrings:{connectionName}";
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var file = Path.Combine(builder.Environment.ContentRootPath, "data", defaultFileName);
            connectionString = new SqliteConnectionStringBuilder { DataSource = file }.ToString();
        }

        var sqlite = SqliteConnection(setting, connectionString);
        builder.Services.AddDbContextPool<TContext, TSqlite>((services, options) => options
            .UseSqlite(sqlite.ToString())
            .AddInterceptors(services.GetRequiredService<OutboxCommitInterceptor>(), holdsPersonalData ? PersonalDataSetup : SqliteSetup));
        return builder.AddStoreInitializer<TContext>(setting, $"the SQLite store at '{sqlite.DataSource}'", sqlite);
    }

    private static IHostApplicationBuilder AddSqlServerStore<TContext, TSqlServer>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
        where TSqlServer : TContext
    {
        var setting = $"ConnectionStrings:{connectionName}";
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StartupFailure($"{setting}: a SQL Server connection string is required when {StoreProviderSetting.Name} is SqlServer.");
        }

        string server;
        try
        {
            server = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(connectionString).DataSource;
        }
        catch (ArgumentException exception)
        {
            throw new StartupFailure($"{setting}: not a valid SQL Server connection string ({exception.Message}).", exception);
        }

        builder.Services.AddDbContextPool<TContext, TSqlServer>((services, options) => options
            .UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure())
            .AddInterceptors(services.GetRequiredService<OutboxCommitInterceptor>()));
        return builder.AddStoreInitializer<TContext>(setting, $"SQL Server at '{server}'", sqlite: null);
    }

    private static IHostApplicationBuilder AddStoreInitializer<TContext>(
        this IHostApplicationBuilder builder, string setting, string description, SqliteConnectionStringBuilder? sqlite)
        where TContext : DbContext
    {
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.TryAddSingleton<OutboxCommitInterceptor>();

        // The service cannot serve without its store: a store that does not answer, or a database that is
        // not this service's (no migrations applied), makes /health Unhealthy, which is a 503.
        StoreHealth.AddRelational<TContext>(builder.Services);

        // Hosted services start in registration order: the store is migrated before the bus delivers.
        builder.Services.AddHostedService(services => new StoreInitializer<TContext>(services, setting, description, sqlite));
        return builder;
    }

    private static readonly SqliteConnectionSetup PersonalDataSetup = new(secureDelete: true);

    private static readonly SqliteConnectionSetup SqliteSetup = new(secureDelete: false);

    private static SqliteConnectionStringBuilder SqliteConnection(string setting, string connectionString)
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
